package io.perpnet.sdk.agents;

import java.math.BigDecimal;

/**
 * Where the arbitrage maker lays off what it took on here: a real venue (Hyperliquid, say) plugs in
 * by implementing {@link #hedge}; {@link PaperVenue} fills at the reference price, in memory.
 */
public interface HedgeVenue {
  /**
   * @param side what to do there: {@code long} buys, {@code short} sells
   * @param matchId the match on our network this hedges, for the venue's client order id and the log
   */
  record Order(String market, String side, BigDecimal size, BigDecimal referencePrice, String matchId) {}

  /** What the venue did: filled size (0 when refused) at an average price, and its words. */
  record Result(BigDecimal filled, BigDecimal price, String detail) {
    public boolean complete(final Order o) {
      return filled.compareTo(o.size()) == 0;
    }
  }

  Result hedge(Order order);

  /** The venue's name, for the log. */
  String name();
}
