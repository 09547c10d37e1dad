package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Body;
import io.perpnet.node.api.json.Field;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.rfq.QuotingStrategy;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/** For makers: the trade requests seen (others' intents), the quotes sent, and a quote by hand. */
public final class QuoteRoutes {
  public static final int MAX_LISTED = 500;
  static final List<Field> QUOTE = List.of(
      Field.text("intentId", true, 64, "the intent to quote (hex id, from trade_request)"),
      Field.decimal("price", true, "USDC per base unit"),
      Field.decimal("size", false, "base units (default: the intent's)"),
      Field.integer("fundingPpm", false, 0, 1_000_000, "funding per 8 h (default 0)"),
      Field.integer("leverage", false, 1, 1000, "the maker's own leverage (default the agent's maximum)"),
      Field.integer("lifetimeMs", false, 100, 600_000, "how long the quote stands (default 10000)"));

  private final Node node;
  private final Markets markets;
  private final LongSupplier clock;

  public QuoteRoutes(final Node node, final Markets markets, final LongSupplier clock) {
    this.node = node;
    this.markets = markets;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/trade-requests", Scope.READ, "Others' intents this maker saw and has not seen expire, newest"
            + " first (at most 500)", "a list of intents", this::requests),
        Route.get("/v1/quotes", Scope.READ, "The quotes this node sent, newest first (at most 500)", "a list of quotes",
            this::quotes),
        Route.post("/v1/quotes", Scope.TRADE, QUOTE, "Quote a trade request by hand (a maker node)", "the quote signed"
            + " and gossiped", this::quote));
  }

  private <P extends io.perpnet.consensus.message.Payload> List<Signed<P>> column(final Column c, final Class<P> type)
      throws ApiError {
    final List<byte[]> values = new ArrayList<>();
    node.store().forEach(c, (k, v) -> values.add(v));
    final List<Signed<P>> out = new ArrayList<>();
    for (final byte[] v : values) {
      try {
        out.add(Signed.decode(v, type));
      } catch (RejectedException e) {
        throw new ApiError(ErrorCode.INTERNAL, "unreadable record in " + c + ": " + e.getMessage());
      }
    }
    return out;
  }

  private JsonNode requests(final Request r) throws ApiError {
    final long now = clock.getAsLong();
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    column(Column.INTENTS, Intent.class).stream()
        .filter(i -> !i.payload().trader().equals(node.publicKey()) && i.payload().header().expiryMs() > now)
        .sorted(Comparator.comparingLong((Signed<Intent> i) -> i.payload().header().expiryMs()).reversed())
        .limit(MAX_LISTED).forEach(i -> out.add(Views.intent(i, markets.byId(i.payload().header().market()))));
    return out;
  }

  private JsonNode quotes(final Request r) throws ApiError {
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    column(Column.QUOTES, Quote.class).stream().filter(q -> q.payload().maker().equals(node.publicKey()))
        .sorted(Comparator.comparingLong((Signed<Quote> q) -> q.payload().header().expiryMs()).reversed())
        .limit(MAX_LISTED).forEach(q -> out.add(Views.quote(q, markets.byId(q.payload().header().market()))));
    return out;
  }

  private JsonNode quote(final Request r) throws ApiError {
    final Body b = Body.check(r.body(), QUOTE);
    if (!node.config().has(io.perpnet.node.config.NodeRole.MAKER)) {
      throw new ApiError(ErrorCode.NOT_A_MAKER, "this node does not have the maker role (roles = [\"maker\"])");
    }
    RiskRoutes.checkNotHalted(node);
    final Bytes32 id = Ids.parse("intentId", b.text("intentId").orElseThrow());
    final Signed<Intent> intent = intent(id).orElseThrow(() -> new ApiError(ErrorCode.NOT_FOUND,
        "no trade request " + id.toHex() + " seen by this node"));
    final MarketParams m = markets.byId(intent.payload().header().market());
    if (intent.payload().header().expiryMs() <= clock.getAsLong()) {
      throw new ApiError(ErrorCode.EXPIRED, "the intent expired at " + intent.payload().header().expiryMs());
    }
    final long size = b.units("size", m.baseDecimals()).orElse(intent.payload().size());
    final QuotingStrategy.Terms terms = new QuotingStrategy.Terms(b.units("price", Views.USDC_DECIMALS).orElseThrow(),
        size, (int) b.integer("fundingPpm", 0), (int) b.integer("leverage", node.limits().maxLeverage()),
        b.integer("lifetimeMs", 10_000));
    try {
      return Views.quote(node.quote(intent, terms).get(10, TimeUnit.SECONDS), m);
    } catch (ExecutionException e) {
      throw Refusals.of(e.getCause());
    } catch (TimeoutException e) {
      throw new ApiError(ErrorCode.INTERNAL, "the quote was not signed within 10 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(ErrorCode.INTERNAL, "interrupted");
    }
  }

  private Optional<Signed<Intent>> intent(final Bytes32 id) throws ApiError {
    try {
      final Optional<byte[]> v = node.store().get(Column.INTENTS, id.bytes());
      return v.isEmpty() ? Optional.empty() : Optional.of(Signed.decode(v.get(), Intent.class));
    } catch (StoreException | RejectedException e) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read the intent: " + e.getMessage());
    }
  }
}
