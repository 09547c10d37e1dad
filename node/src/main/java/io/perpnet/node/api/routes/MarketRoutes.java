package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Views;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/** {@code /v1/markets} and {@code /v1/prices}: the markets' parameters and oracle prices, from chain. */
public final class MarketRoutes {
  private final Markets markets;
  private final LongSupplier clock;
  private final io.perpnet.node.chain.OpenInterest openInterest;

  public MarketRoutes(final Markets markets, final LongSupplier clock,
      final io.perpnet.node.chain.OpenInterest openInterest) {
    this.markets = markets;
    this.clock = clock;
    this.openInterest = openInterest;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/markets", Scope.READ, "The markets the node follows, with their parameters on chain and open interest",
            "a list of markets", this::markets),
        Route.get("/v1/prices", Scope.READ, "Every followed market's oracle price and its age", "a list of prices",
            this::prices),
        Route.get("/v1/prices/{market}", Scope.READ, "One market's oracle price and its age", "a price",
            r -> {
              final MarketParams m = markets.bySymbol("market", r.param("market"));
              return Views.price(m, markets.account(m), clock.getAsLong());
            }));
  }

  private List<MarketParams> sorted() {
    return markets.all().values().stream().sorted(Comparator.comparingInt(MarketParams::id)).toList();
  }

  private JsonNode markets(final Request r) throws ApiError {
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    java.util.Map<Integer, Long> oi;
    try {
      oi = openInterest.bySize();
    } catch (io.perpnet.escrow.rpc.RpcError e) {
      oi = null; // the parameters still answer; open interest is null until the RPC node answers again
    }
    for (final MarketParams m : sorted()) {
      final var v = Views.market(m, markets.account(m));
      if (oi == null) {
        v.putNull("openInterest");
      } else {
        v.put("openInterest", io.perpnet.node.api.json.Decimals.fromUnits(oi.getOrDefault(m.id(), 0L),
            m.baseDecimals()));
      }
      out.add(v);
    }
    return out;
  }

  private JsonNode prices(final Request r) throws ApiError {
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (final MarketParams m : sorted()) {
      out.add(Views.price(m, markets.account(m), clock.getAsLong()));
    }
    return out;
  }
}
