package io.perpnet.sdk.hyperliquid.info;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** What the info endpoint answers, amounts as exact decimals. */
public final class Records {
  private Records() {}

  /** One price level of a book: price, size, number of orders. */
  public record Level(BigDecimal px, BigDecimal sz, int n) {}

  /** {@code l2Book}: bids best first, asks best first. */
  public record L2Book(String coin, long timeMs, List<Level> bids, List<Level> asks) {}

  /** A market's live context ({@code metaAndAssetCtxs}). */
  public record AssetContext(String coin, BigDecimal markPx, Optional<BigDecimal> midPx, BigDecimal oraclePx,
      BigDecimal funding, BigDecimal openInterest) {}

  /** One position of {@code clearinghouseState}: {@code szi} signed (negative: short). */
  public record Position(String coin, BigDecimal szi, BigDecimal entryPx, BigDecimal unrealizedPnl,
      Optional<BigDecimal> liquidationPx, int leverage, boolean cross) {}

  /** {@code clearinghouseState}: the account's value, what it may withdraw, its positions. */
  public record UserState(BigDecimal accountValue, BigDecimal totalMarginUsed, BigDecimal withdrawable,
      List<Position> positions) {}

  /** An order resting on the book ({@code openOrders}); {@code side} "B" (bid) or "A" (ask). */
  public record OpenOrder(String coin, long oid, String side, BigDecimal limitPx, BigDecimal sz, long timestampMs) {}

  /** One fill of the user ({@code userFills}). */
  public record Fill(String coin, long oid, String side, BigDecimal px, BigDecimal sz, BigDecimal fee,
      BigDecimal closedPnl, String dir, long timeMs, String hash) {}

  /** One funding payment period of a coin ({@code fundingHistory}): the hourly rate. */
  public record Funding(String coin, BigDecimal fundingRate, BigDecimal premium, long timeMs) {}
}
