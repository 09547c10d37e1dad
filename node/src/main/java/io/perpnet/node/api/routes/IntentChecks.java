package io.perpnet.node.api.routes;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.fixed.FixedPoint;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.node.Node;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.json.Views;
import java.util.Map;

/**
 * What an intent placed through the API must pass before anything is signed, cheapest first: the
 * agent's limits (position notional at the limit price, exposure per market, open positions, free
 * collateral for the margin), then the usual-size check. Each refusal names its limit.
 */
final class IntentChecks {
  private final Node node;
  private final Markets markets;
  private final IntentStore book;

  IntentChecks(final Node node, final Markets markets, final IntentStore book) {
    this.node = node;
    this.markets = markets;
    this.book = book;
  }

  /**
   * An intent above {@code oversize-factor} times the median notional of the agent's last
   * {@link #USUAL_OF} intents (once there are {@link #USUAL_MIN}) is held for an explicit
   * {@code "confirm": true}: a typo of three zeros should not reach the network.
   */
  void usualSize(final MarketParams m, final long size, final long limit, final boolean confirmed)
      throws ApiError {
    final int factor = node.config().risk().oversizeFactor();
    if (confirmed || factor == 0) {
      return;
    }
    final long[] recent = book.all().stream().limit(USUAL_OF).mapToLong(e -> notional(e.intent().payload())).sorted()
        .toArray();
    if (recent.length < USUAL_MIN) {
      return;
    }
    final long usual = recent[recent.length / 2];
    final long notional = notionalOf(m, size, limit);
    if (notional / factor > usual) {
      throw new ApiError(ErrorCode.CONFIRMATION_REQUIRED, "a notional of " + Views.usdc(notional) + " USDC is more than "
          + factor + " times the agent's usual " + Views.usdc(usual) + "; send it again with \"confirm\": true",
          Map.of("notional", Views.usdc(notional), "usualNotional", Views.usdc(usual), "factor", factor));
    }
  }

  static final int USUAL_OF = 20;
  static final int USUAL_MIN = 5;

  private long notional(final io.perpnet.consensus.message.Intent i) {
    return notionalOf(markets.byId(i.header().market()), i.size(), i.limitPrice());
  }

  private static long notionalOf(final MarketParams m, final long size, final long limit) {
    try {
      return FixedPoint.notional(size, limit, m.baseDecimals());
    } catch (RejectedException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The notional at entry of our open positions in {@code market}. */
  private long exposure(final int market) throws ApiError {
    try {
      long sum = 0;
      for (final var p : node.positions()) {
        if (p.market() == market) {
          sum = Math.addExact(sum, notionalOf(markets.byId(market), p.size(), p.entryPrice()));
        }
      }
      return sum;
    } catch (io.perpnet.node.store.StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read our positions: " + e.getMessage());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  void limits(final MarketParams m, final long size, final long limit, final long leverage,
      final AgentLimits limits) throws ApiError {
    final long notional;
    final long margin;
    try {
      notional = FixedPoint.notional(size, limit, m.baseDecimals());
      margin = FixedPoint.margin(notional, (int) leverage);
    } catch (RejectedException e) {
      throw ApiError.field("size", "too large: " + e.getMessage());
    }
    if (notional > limits.maxPositionNotional()) {
      throw new ApiError(ErrorCode.RISK_LIMIT, "notional " + Views.usdc(notional) + " USDC at the limit price is above"
          + " the agent's limit of " + Views.usdc(limits.maxPositionNotional()),
          Map.of("limit", "maxPositionNotional", "value", Views.usdc(limits.maxPositionNotional())));
    }
    final long exposure = exposure(m.id()) + notional;
    final long maxExposure = node.risk().limits().current().maxMarketExposure();
    if (exposure > maxExposure) {
      throw new ApiError(ErrorCode.RISK_LIMIT, "our exposure in " + m.symbol() + " would be " + Views.usdc(exposure)
          + " USDC, above the agent's limit of " + Views.usdc(maxExposure), Map.of("limit", "maxMarketExposure",
          "value", Views.usdc(maxExposure)));
    }
    if (node.reservations().openCount() >= limits.maxOpenPositions()) {
      throw new ApiError(ErrorCode.RISK_LIMIT, "the agent holds " + node.reservations().openCount()
          + " positions and commitments, its limit", Map.of("limit", "maxOpenPositions",
          "value", limits.maxOpenPositions()));
    }
    final long free = node.chain().freeCollateral() - node.reservations().pendingMargin();
    if (margin > free) {
      throw new ApiError(ErrorCode.INSUFFICIENT_COLLATERAL, "the intent needs up to " + Views.usdc(margin)
          + " USDC of margin; " + Views.usdc(Math.max(0, free)) + " is free",
          Map.of("required", Views.usdc(margin), "free", Views.usdc(Math.max(0, free))));
    }
  }
}
