package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Side;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Body;
import io.perpnet.node.api.json.Field;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.rfq.TraderDesk;
import io.perpnet.node.rfq.TraderEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * {@code /v1/intents}: place (with the agent's limits checked before anything is signed), list,
 * read with its fills, cancel. The same {@code clientId} again answers the first intent.
 */
public final class IntentRoutes {
  static final int DEFAULT_SLIPPAGE_BPS = 50;
  static final long ACCEPT_LIFETIME_MS = 30_000;

  static final List<Field> BODY = List.of(
      Field.text("market", true, 16, "market symbol, e.g. BTC-PERP"),
      Field.choice("side", true, List.of("long", "short"), "long buys, short sells"),
      Field.decimal("size", false, "base units as a decimal string, e.g. \"0.015\"; or notionalUsdc"),
      Field.decimal("notionalUsdc", false, "instead of size: USDC at the oracle price (size rounded down)"),
      Field.integer("leverage", false, 1, 1000, "default the agent's maximum or 10, whichever is lower"),
      Field.decimal("limitPrice", false, "worst price, USDC; or slippageBps"),
      Field.integer("slippageBps", false, 0, 10_000, "worst price this far from the oracle (default 50)"),
      Field.integer("maxFundingPpm", false, 0, 1_000_000, "most funding per 8 h accepted (default 1000)"),
      Field.integer("lifetimeMs", false, 100, 3_600_000, "how long the intent stands (default 5000)"),
      Field.integer("quoteWindowMs", false, 0, 60_000, "how long quotes are collected (default 200)"),
      Field.decimal("minFill", false, "smallest fill accepted, base units (default 0)"),
      Field.bool("firstAcceptable", false, "accept the first acceptable quote instead of the best in the window"),
      Field.text("clientId", false, 64, "the agent's id for the intent: the same again answers the first"),
      Field.text("reason", false, 500, "free text the agent attaches, kept with the intent"),
      Field.bool("confirm", false, "true sends an intent far above the agent's usual size (else CONFIRMATION_REQUIRED)"));

  private final Node node;
  private final Markets markets;
  private final IntentStore book;
  private final LongSupplier clock;
  private final IntentChecks checks;

  public IntentRoutes(final Node node, final Markets markets, final IntentStore book, final LongSupplier clock) {
    this.node = node;
    this.markets = markets;
    this.book = book;
    this.clock = clock;
    this.checks = new IntentChecks(node, markets, book);
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/intents", Scope.TRADE, BODY, "Place an intent: publish it, collect quotes, accept the best",
            "the intent (id, status, what was signed)", this::place),
        Route.get("/v1/intents", Scope.READ, "The intents placed through the API, newest first (?status, ?market)",
            "a list of intents", this::list),
        Route.get("/v1/intents/{id}", Scope.READ, "One intent with its fills (?waitMs: until it is no longer open,"
            + " at most 30000)", "the intent", this::one),
        Route.delete("/v1/intents/{id}", Scope.TRADE, "Cancel an open intent", "the intent, cancelled", this::cancel));
  }

  private JsonNode place(final Request r) throws ApiError {
    final Body b = Body.check(r.body(), BODY);
    final String clientId = b.text("clientId").orElse(null);
    synchronized (book) { // one placement at a time: a clientId is checked and claimed at once
      if (clientId != null) {
        final var first = book.byClientId(clientId);
        if (first.isPresent()) {
          return view(first.get());
        }
      }
      final TraderEngine.IntentRequest request;
      try {
        RiskRoutes.checkNotHalted(node);
        request = request(b);
      } catch (ApiError e) {
        AlertRoutes.refused(node, e);
        throw e;
      }
      final TraderEngine.Placed placed;
      try {
        placed = node.trader().place(request).get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new ApiError(ErrorCode.INTERNAL, "the intent was not placed: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiError(ErrorCode.INTERNAL, "interrupted");
      }
      final IntentStore.Entry e = new IntentStore.Entry(placed.intent(), clientId, b.text("reason").orElse(null),
          clock.getAsLong(), placed.fills());
      book.add(e);
      return view(e);
    }
  }

  /** The body as the engine's request, with the agent's limits checked first. */
  private TraderEngine.IntentRequest request(final Body b) throws ApiError {
    final MarketParams m = markets.bySymbol("market", b.text("market").orElseThrow());
    final Side side = b.text("side").orElseThrow().equals("long") ? Side.LONG : Side.SHORT;
    if (b.has("size") == b.has("notionalUsdc")) {
      throw io.perpnet.node.api.http.ApiError.field("size", "give exactly one of size and notionalUsdc");
    }
    if (b.has("limitPrice") && b.has("slippageBps")) {
      throw ApiError.field("limitPrice", "give at most one of limitPrice and slippageBps");
    }
    final AgentLimits limits = node.limits();
    final long leverage = b.integer("leverage", Math.min(10, limits.maxLeverage()));
    if (leverage > m.maxLeverage()) {
      throw ApiError.field("leverage", m.symbol() + " allows at most " + m.maxLeverage() + "x");
    }
    if (leverage > limits.maxLeverage()) {
      throw new ApiError(ErrorCode.RISK_LIMIT, "leverage " + leverage + "x is above the agent's limit of "
          + limits.maxLeverage() + "x", Map.of("limit", "maxLeverage", "value", limits.maxLeverage()));
    }
    final long now = clock.getAsLong();
    final boolean needsPrice = b.has("notionalUsdc") || !b.has("limitPrice");
    final long oracle = needsPrice ? markets.freshPrice(m, now) : 0;
    final long size = b.has("size") ? b.units("size", m.baseDecimals()).orElseThrow()
        : sizeOf(b.units("notionalUsdc", Views.USDC_DECIMALS).orElseThrow(), oracle, m);
    if (size <= 0) {
      throw ApiError.field(b.has("size") ? "size" : "notionalUsdc", "must come to more than 0 base units");
    }
    final long limit = b.has("limitPrice") ? b.units("limitPrice", Views.USDC_DECIMALS).orElseThrow()
        : withSlippage(oracle, side, b.integer("slippageBps", DEFAULT_SLIPPAGE_BPS));
    final long minFill = b.units("minFill", m.baseDecimals()).orElse(0L);
    if (minFill > size) {
      throw ApiError.field("minFill", "is larger than the size");
    }
    checks.limits(m, size, limit, leverage, limits);
    checks.usualSize(m, size, limit, b.bool("confirm", false));
    final long lifetime = b.integer("lifetimeMs", 5_000);
    final long window = b.integer("quoteWindowMs", 200);
    if (window > lifetime) {
      throw ApiError.field("quoteWindowMs", "is longer than lifetimeMs");
    }
    return new TraderEngine.IntentRequest(m.id(), side, size, limit, minFill, (int) b.integer("maxFundingPpm", 1_000),
        (int) leverage, lifetime, window, b.bool("firstAcceptable", false), ACCEPT_LIFETIME_MS);
  }


  /** floor(notional / price) in base units. */
  static long sizeOf(final long notional, final long price, final MarketParams m) throws ApiError {
    final java.math.BigInteger s = java.math.BigInteger.valueOf(notional).multiply(java.math.BigInteger.TEN
        .pow(m.baseDecimals())).divide(java.math.BigInteger.valueOf(price));
    if (s.bitLength() > 63) {
      throw ApiError.field("notionalUsdc", "too large");
    }
    return s.longValue();
  }

  /** The oracle price moved against us by {@code bps}: up for a buyer, down for a seller (rounded so). */
  static long withSlippage(final long price, final Side side, final long bps) {
    final java.math.BigInteger p = java.math.BigInteger.valueOf(price);
    final java.math.BigInteger tenK = java.math.BigInteger.valueOf(10_000);
    return side == Side.LONG ? p.multiply(tenK.add(java.math.BigInteger.valueOf(bps))).divide(tenK).longValueExact()
        : p.multiply(tenK.subtract(java.math.BigInteger.valueOf(bps))).add(tenK.subtract(java.math.BigInteger.ONE))
            .divide(tenK).longValueExact();
  }

  private JsonNode list(final Request r) throws ApiError {
    final var status = r.query("status");
    final var market = r.query("market");
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (final IntentStore.Entry e : book.all()) {
      final MarketParams m = markets.byId(e.intent().payload().header().market());
      if (status.map(s -> s.equals(status(e))).orElse(true) && market.map(s -> s.equals(m.symbol())).orElse(true)) {
        out.add(view(e));
      }
    }
    return out;
  }

  private JsonNode one(final Request r) throws ApiError {
    final IntentStore.Entry e = find(r);
    final long waitMs = r.queryLong("waitMs", 0, 0, 30_000);
    if (waitMs > 0) {
      try {
        e.fills().get(waitMs, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException x) {
        // still open (or failed): answer what it is
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      }
    }
    return view(book.get(e.intent().hash()).orElse(e));
  }

  private JsonNode cancel(final Request r) throws ApiError {
    final IntentStore.Entry e = find(r);
    if (!status(e).equals("open")) {
      throw new ApiError(ErrorCode.EXPIRED, "intent " + r.param("id") + " is " + status(e) + ", not open");
    }
    try {
      node.trader().cancel(e.intent().hash()).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException x) {
      throw new ApiError(ErrorCode.INTERNAL, "the cancel did not complete: " + x.getMessage());
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new ApiError(ErrorCode.INTERNAL, "interrupted");
    }
    return view(book.get(e.intent().hash()).orElse(e));
  }

  private String status(final IntentStore.Entry e) {
    return e.status(node.trader()::wasCancelled);
  }

  private IntentStore.Entry find(final Request r) throws ApiError {
    final Bytes32 id = Ids.parse("id", r.param("id"));
    return book.get(id).orElseThrow(() -> new ApiError(ErrorCode.NOT_FOUND, "no intent " + r.param("id")
        + " placed through this API"));
  }

  private ObjectNode view(final IntentStore.Entry e) {
    final MarketParams m = markets.byId(e.intent().payload().header().market());
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", e.intent().hash().toHex()).put("status", status(e)).put("placedMs", e.placedMs());
    o.put("clientId", e.clientId()).put("reason", e.reason());
    o.set("intent", Views.intent(e.intent(), m));
    final ArrayNode fills = o.putArray("fills");
    if (e.fills().isDone() && !e.fills().isCompletedExceptionally()) {
      for (final TraderDesk.Outcome f : e.fills().join()) {
        switch (f) {
          case TraderDesk.Outcome.Matched x -> fills.add(Views.match(x.match(), m).put("state", "countersigned"));
          case TraderDesk.Outcome.Refused x -> fills.addObject().put("state", "failed").put("reason", x.reason().name())
              .put("detail", x.detail());
          case TraderDesk.Outcome.NoAnswer x -> fills.addObject().put("id", x.matchId().toHex()).put("state", "proposed")
              .put("detail", x.why());
        }
      }
    }
    return o;
  }
}
