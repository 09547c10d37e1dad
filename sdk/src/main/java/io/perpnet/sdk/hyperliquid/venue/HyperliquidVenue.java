package io.perpnet.sdk.hyperliquid.venue;

import static io.perpnet.sdk.hyperliquid.action.Order.ioc;

import io.perpnet.sdk.agents.HedgeVenue;
import io.perpnet.sdk.hyperliquid.action.Cloid;
import io.perpnet.sdk.hyperliquid.action.Rounding;
import io.perpnet.sdk.hyperliquid.exchange.ExchangeClient;
import io.perpnet.sdk.hyperliquid.exchange.OrderStatus;
import io.perpnet.sdk.hyperliquid.http.HyperliquidException;
import io.perpnet.sdk.hyperliquid.info.Asset;
import io.perpnet.sdk.hyperliquid.info.InfoClient;
import io.perpnet.sdk.hyperliquid.info.Meta;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Hyperliquid as the arbitrage maker's hedge venue: each hedge is an IOC order at the reference
 * price moved {@code slippageBps} against us (rounded to the asset's tick away from the market,
 * the size to its lot toward zero, both said in the result), tagged with a client order id taken
 * from the match id so the venue's fill names the match it hedges.
 */
public final class HyperliquidVenue implements HedgeVenue {
  private final InfoClient info;
  private final ExchangeClient exchange;
  private final int slippageBps;
  private Meta meta;

  public HyperliquidVenue(final InfoClient info, final ExchangeClient exchange, final int slippageBps) {
    this.info = info;
    this.exchange = exchange;
    this.slippageBps = slippageBps;
  }

  @Override
  public String name() {
    return "hyperliquid";
  }

  @Override
  public Result hedge(final HedgeVenue.Order o) {
    try {
      final Asset asset = asset(Coins.coinOf(o.market()));
      final boolean buy = "long".equals(o.side());
      final BigDecimal size = Rounding.size(o.size(), asset.szDecimals(), RoundingMode.DOWN);
      if (size.signum() == 0) {
        return new Result(BigDecimal.ZERO, o.referencePrice(), "size " + o.size() + " is below the lot of "
            + asset.name() + " (" + asset.szDecimals() + " decimals)");
      }
      final BigDecimal moved = o.referencePrice().multiply(BigDecimal.valueOf(10_000L + (buy ? slippageBps
          : -slippageBps))).movePointLeft(4);
      final BigDecimal limit = Rounding.price(moved, asset.szDecimals(), buy ? RoundingMode.UP : RoundingMode.DOWN);
      final var order = ioc(asset.index(), buy, limit, size, Optional.of(cloidOf(o.matchId())));
      final String rounded = size.compareTo(o.size()) == 0 ? "" : " (size rounded from " + o.size() + ")";
      return switch (exchange.order(List.of(order), "na").getFirst()) {
        case OrderStatus.Filled f -> new Result(f.totalSz(), f.avgPx(), "IOC filled, oid " + f.oid() + rounded);
        case OrderStatus.Rejected r -> new Result(BigDecimal.ZERO, o.referencePrice(), "refused: " + r.message());
        case OrderStatus.Resting r -> new Result(BigDecimal.ZERO, o.referencePrice(), "an IOC rested? oid " + r.oid());
        case OrderStatus.Other x -> new Result(BigDecimal.ZERO, o.referencePrice(), "status " + x.status());
      };
    } catch (HyperliquidException | java.util.NoSuchElementException e) {
      return new Result(BigDecimal.ZERO, o.referencePrice(), "not sent: " + e.getMessage());
    }
  }

  private synchronized Asset asset(final String coin) throws HyperliquidException {
    if (meta == null || meta.asset(coin).isEmpty()) {
      meta = info.meta();
    }
    return meta.asset(coin).orElseThrow(() -> new HyperliquidException(HyperliquidException.Kind.REJECTED,
        "Hyperliquid lists no perpetual " + coin));
  }

  /** The first 16 bytes of the match id: the hedge's client order id. */
  static Cloid cloidOf(final String matchId) {
    return new Cloid(java.util.Arrays.copyOf(HexFormat.of().parseHex(matchId), 16));
  }
}
