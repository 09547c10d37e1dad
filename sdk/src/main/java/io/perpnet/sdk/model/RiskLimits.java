package io.perpnet.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** The risk limits in force (also the body of {@code PUT /v1/risk/limits}, where each is optional: null keeps it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RiskLimits(Integer maxLeverage, BigDecimal maxPositionNotional, Integer maxOpenPositions, BigDecimal maxDailyLoss, BigDecimal maxMarketExposure) {
  /** No change: each field null. Use the withers to set some. */
  public static RiskLimits unchanged() {
    return new RiskLimits(null, null, null, null, null);
  }

  public RiskLimits withMaxLeverage(final int v) {
    return new RiskLimits(v, maxPositionNotional, maxOpenPositions, maxDailyLoss, maxMarketExposure);
  }

  public RiskLimits withMaxPositionNotional(final BigDecimal v) {
    return new RiskLimits(maxLeverage, v, maxOpenPositions, maxDailyLoss, maxMarketExposure);
  }

  public RiskLimits withMaxOpenPositions(final int v) {
    return new RiskLimits(maxLeverage, maxPositionNotional, v, maxDailyLoss, maxMarketExposure);
  }

  public RiskLimits withMaxDailyLoss(final BigDecimal v) {
    return new RiskLimits(maxLeverage, maxPositionNotional, maxOpenPositions, v, maxMarketExposure);
  }

  public RiskLimits withMaxMarketExposure(final BigDecimal v) {
    return new RiskLimits(maxLeverage, maxPositionNotional, maxOpenPositions, maxDailyLoss, v);
  }
}
