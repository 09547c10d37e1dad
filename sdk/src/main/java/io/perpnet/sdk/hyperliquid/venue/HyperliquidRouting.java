package io.perpnet.sdk.hyperliquid.venue;

import static io.perpnet.sdk.hyperliquid.action.Order.ioc;

import io.perpnet.sdk.client.ApiException;
import io.perpnet.sdk.hyperliquid.action.Cloid;
import io.perpnet.sdk.hyperliquid.action.Rounding;
import io.perpnet.sdk.hyperliquid.exchange.ExchangeClient;
import io.perpnet.sdk.hyperliquid.exchange.OrderStatus;
import io.perpnet.sdk.hyperliquid.http.HyperliquidException;
import io.perpnet.sdk.hyperliquid.info.Asset;
import io.perpnet.sdk.hyperliquid.info.InfoClient;
import io.perpnet.sdk.model.Fill;
import io.perpnet.sdk.model.IntentRequest;
import io.perpnet.sdk.model.PlacedIntent;
import io.perpnet.sdk.strategy.Trade;
import io.perpnet.sdk.strategy.TradingHub;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Routes what an intent did not fill here to Hyperliquid, for an agent that allows it (it wraps
 * its trades with this; nothing is routed otherwise): once the intent is decided, the unfilled
 * size goes out as one IOC order at the intent's own limit price, rounded to the asset's tick in
 * the agent's favour (a buy never above its limit, a sell never below) and its size to the lot
 * toward zero, tagged with the intent's id as client order id.
 */
public final class HyperliquidRouting {
  /** An intent's outcome on both venues: the trade here and, if any was routed, the order there. */
  public record Routed(Trade here, Optional<BigDecimal> routedSize, Optional<OrderStatus> there) {}

  private final InfoClient info;
  private final ExchangeClient exchange;

  public HyperliquidRouting(final InfoClient info, final ExchangeClient exchange) {
    this.info = info;
    this.exchange = exchange;
  }

  /** Trades through {@code hub}; routes the rest. */
  public Routed trade(final TradingHub hub, final IntentRequest request) throws ApiException, HyperliquidException {
    final Trade t = hub.trade(request);
    final Optional<Route> r = rest(t.intent());
    if (r.isEmpty()) {
      return new Routed(t, Optional.empty(), Optional.empty());
    }
    return new Routed(t, Optional.of(r.get().size()), Optional.of(send(r.get())));
  }

  /** What would go to Hyperliquid for a decided intent: its unfilled size at its limit, if any. */
  public Optional<Route> rest(final PlacedIntent placed) throws HyperliquidException {
    if (placed.isOpen()) {
      throw new IllegalStateException("intent " + placed.id() + " is still open: route once it is decided");
    }
    BigDecimal filled = BigDecimal.ZERO;
    for (final Fill f : placed.matched()) {
      filled = filled.add(f.size());
    }
    final BigDecimal rest = placed.intent().size().subtract(filled);
    if (rest.signum() <= 0) {
      return Optional.empty();
    }
    final Asset asset = info.meta().asset(Coins.coinOf(placed.intent().market())).orElseThrow(
        () -> new HyperliquidException(HyperliquidException.Kind.REJECTED, "Hyperliquid lists no perpetual "
            + Coins.coinOf(placed.intent().market())));
    final boolean buy = "long".equals(placed.intent().side());
    final BigDecimal size = Rounding.size(rest, asset.szDecimals(), RoundingMode.DOWN);
    if (size.signum() == 0) {
      return Optional.empty();
    }
    final BigDecimal limit = Rounding.price(placed.intent().limitPrice(), asset.szDecimals(),
        buy ? RoundingMode.DOWN : RoundingMode.UP);
    return Optional.of(new Route(asset.index(), buy, limit, size, new Cloid(java.util.Arrays.copyOf(
        HexFormat.of().parseHex(placed.id()), 16))));
  }

  /** One IOC order for the rest of an intent. */
  public record Route(int asset, boolean buy, BigDecimal limitPx, BigDecimal size, Cloid cloid) {}

  public OrderStatus send(final Route r) throws HyperliquidException {
    return exchange.order(List.of(ioc(r.asset(), r.buy(), r.limitPx(), r.size(), Optional.of(r.cloid()))), "na")
        .getFirst();
  }
}
