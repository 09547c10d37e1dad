package io.perpnet.sdk.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /v1/portfolio}: collateral, equity, realised and unrealised PnL, exposure per market,
 * and the fees and funding of {@code GET /v1/fees}' total.
 */
public record Portfolio(BigDecimal free, BigDecimal locked, BigDecimal equity, BigDecimal realizedPnl,
    BigDecimal unrealizedPnl, int openPositions, List<Exposure> exposure, List<String> unpriced, BigDecimal fees,
    BigDecimal fundingPaid, BigDecimal fundingReceived) {}
