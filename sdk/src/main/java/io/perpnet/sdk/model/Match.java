package io.perpnet.sdk.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * Match terms we signed, with their {@code state} (proposed, countersigned, submitted, confirmed,
 * closed, failed, expired), in our own lists our {@code role}, the {@code transactions} that
 * opened and closed its position and those tried that did not land, the {@code attempts} that did
 * not open it, and for a failed or expired match the last attempt's {@code error}.
 */
public record Match(String id, String market, String side, String trader, String maker, String intentId,
    String quoteId, BigDecimal price, BigDecimal size, BigDecimal traderMargin, BigDecimal makerMargin, int fundingPpm,
    int leverage, long expiryMs, String state, String role, List<Tx> transactions, List<Attempt> attempts,
    String error) {
  /**
   * {@code kind} as a fill's (open, close_at_mark, close_mutual, liquidated); {@code atMs} the
   * chain's time when {@code landed}, else the node's, with the {@code error} that stopped it.
   */
  public record Tx(String kind, String signature, long atMs, boolean landed, String error) {}

  /** {@code kind}: accept_refused, no_answer, open_refused or open_not_confirmed; a signature if one was signed. */
  public record Attempt(String kind, long atMs, String detail, String signature) {}
}
