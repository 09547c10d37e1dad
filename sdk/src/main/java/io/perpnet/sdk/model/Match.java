package io.perpnet.sdk.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * Match terms both sides signed, with their {@code state} (countersigned, submitted, confirmed,
 * closed, expired), in our own lists our {@code role}, and the landed {@code transactions} that
 * opened and closed its position.
 */
public record Match(String id, String market, String side, String trader, String maker, String intentId,
    String quoteId, BigDecimal price, BigDecimal size, BigDecimal traderMargin, BigDecimal makerMargin, int fundingPpm,
    int leverage, long expiryMs, String state, String role, List<Tx> transactions) {
  /** {@code kind} as a fill's (open, close_at_mark, close_mutual, liquidated); {@code atMs} the chain's time. */
  public record Tx(String kind, String signature, long atMs) {}
}
