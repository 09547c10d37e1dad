package io.perpnet.sdk.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /v1/fees}: each market's rates, and what this node paid in fees and paid and received
 * in funding, in all and by market (closed positions from their fills, open ones as settled so far).
 */
public record Fees(List<Rates> markets, Sums total, List<Sums> byMarket) {
  /** A market's fee rates (bps of notional) and funding cap (ppm per 8 h). */
  public record Rates(String market, int takerFeeBps, int makerFeeBps, int liquidationFeeBps, int liquidatorShareBps,
      int fundingCapPpm) {}

  /** USDC; {@code market} is null in the total. {@code fees} = open + close + liquidation fees. */
  public record Sums(String market, BigDecimal fees, BigDecimal openFees, BigDecimal closeFees,
      BigDecimal liquidationFees, BigDecimal fundingPaid, BigDecimal fundingReceived, BigDecimal fundingNet) {}
}
