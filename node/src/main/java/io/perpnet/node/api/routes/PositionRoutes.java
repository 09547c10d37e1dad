package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Body;
import io.perpnet.node.api.json.Field;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.chain.OpenPosition;
import io.perpnet.node.risk.Triggers;
import io.perpnet.node.store.StoreException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code /v1/positions}: our open positions from our side, one by match id, and closing one. */
public final class PositionRoutes {
  static final List<Field> TRIGGER = List.of(
      Field.decimal("price", false, "the oracle price, USDC, at which the node closes the position at mark"),
      Field.bool("clear", false, "true removes it"));
  static final List<Field> CLOSE = List.of(
      Field.choice("type", true, List.of("mark", "mutual"), "at the oracle mark, or by agreement at a price"),
      Field.decimal("price", false, "for mutual: the price proposed to the other party, USDC"));

  private final Node node;
  private final Markets markets;

  public PositionRoutes(final Node node, final Markets markets) {
    this.node = node;
    this.markets = markets;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/positions", Scope.READ, "Our open positions (?market)", "a list of positions", this::list),
        Route.get("/v1/positions/{id}", Scope.READ, "One open position by match id (?waitMs: until it is open, at most 30000)",
            "the position", this::one),
        Route.get("/v1/positions/{id}/health", Scope.READ, "Our side's health at the oracle mark, by the program's"
            + " formulas: equity, maintenance, margin ratio, liquidation price (funding not yet settled excluded)",
            "the health, USDC decimal strings", this::health),
        Route.post("/v1/positions/{id}/close", Scope.TRADE, CLOSE, "Close a position at mark or by agreement",
            "the position as the chain holds it after the close", this::close),
        Route.post("/v1/positions/{id}/stop-loss", Scope.TRADE, TRIGGER, "Set or clear a stop-loss: the node closes"
            + " at mark once the oracle price reaches it against us (persisted across restarts)", "the position",
            r -> trigger(r, Triggers.Kind.STOP_LOSS)),
        Route.post("/v1/positions/{id}/take-profit", Scope.TRADE, TRIGGER, "Set or clear a take-profit: the node"
            + " closes at mark once the oracle price reaches it in our favour", "the position",
            r -> trigger(r, Triggers.Kind.TAKE_PROFIT)));
  }

  private JsonNode list(final Request r) throws ApiError {
    final var market = r.query("market");
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (final OpenPosition p : positions()) {
      final MarketParams m = markets.byId(p.market());
      if (market.map(s -> s.equals(m.symbol())).orElse(true)) {
        out.add(view(p));
      }
    }
    return out;
  }

  private JsonNode one(final Request r) throws ApiError {
    final long waitMs = r.queryLong("waitMs", 0, 0, 30_000);
    return view(waitMs == 0 ? find(r) : awaitOpen(r, waitMs));
  }

  /** The position once the node holds it open, looked for again after each event it logs; NOT_FOUND after {@code waitMs}. */
  private OpenPosition awaitOpen(final Request r, final long waitMs) throws ApiError {
    final java.util.concurrent.Semaphore logged = new java.util.concurrent.Semaphore(0);
    final long deadline = System.nanoTime() + waitMs * 1_000_000L;
    try (io.perpnet.node.store.EventFeed feed = node.events(Long.MAX_VALUE, e -> logged.release())) {
      while (true) {
        try {
          return find(r);
        } catch (ApiError e) {
          final long left = deadline - System.nanoTime();
          if (e.code() != ErrorCode.NOT_FOUND || left <= 0) {
            throw e;
          }
          logged.tryAcquire(left, java.util.concurrent.TimeUnit.NANOSECONDS);
          logged.drainPermits();
        }
      }
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "the event log cannot be followed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(ErrorCode.NOT_FOUND, "no open position " + r.param("id") + " (interrupted)");
    }
  }

  private JsonNode health(final Request r) throws ApiError {
    final OpenPosition p = find(r);
    final MarketParams m = markets.byId(p.market());
    final EscrowAccounts.Market market = markets.account(m);
    final EscrowAccounts.Position onChain;
    try {
      onChain = node.chain().client().position(p.match()).orElseThrow(() -> new ApiError(ErrorCode.NOT_FOUND,
          "no position on chain for " + r.param("id")));
    } catch (io.perpnet.escrow.rpc.RpcError e) {
      throw new ApiError(ErrorCode.CHAIN_UNAVAILABLE, "cannot read the position: " + e.getMessage());
    }
    if (market.price() <= 0) {
      throw new ApiError(ErrorCode.STALE_ORACLE, "no oracle price for " + m.symbol());
    }
    final io.perpnet.escrow.client.Health h = io.perpnet.escrow.client.Health.of(onChain, !p.weAreMaker(),
        market.price(), market.config());
    return JsonNodeFactory.instance.objectNode().put("id", p.matchId().toHex()).put("mark", Views.usdc(market.price()))
        .put("markAgeMs", Math.max(0, System.currentTimeMillis() - market.priceTimeMs()))
        .put("equity", Views.usdc(h.equity())).put("pnl", Views.usdc(h.pnl()))
        .put("maintenance", Views.usdc(h.maintenance())).put("notionalAtMark", Views.usdc(h.notionalAtMark()))
        .put("marginRatioBps", h.notionalAtMark() == 0 ? 0 : h.equity() * 10_000 / h.notionalAtMark())
        .put("liquidationPrice", h.liquidationPrice() == 0 ? null : Views.usdc(h.liquidationPrice()))
        .put("liquidatable", h.liquidatable());
  }

  private JsonNode trigger(final Request r, final Triggers.Kind kind) throws ApiError {
    final OpenPosition p = find(r);
    final Body b = Body.check(r.body(), TRIGGER);
    if (b.has("price") == b.bool("clear", false)) {
      throw ApiError.field("price", "give a price, or clear: true");
    }
    final long price = b.bool("clear", false) ? 0 : b.units("price", Views.USDC_DECIMALS).orElseThrow();
    if (!b.bool("clear", false) && price == 0) {
      throw ApiError.field("price", "must be above 0");
    }
    try {
      node.triggers().set(p.matchId(), kind, price);
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "the trigger could not be stored: " + e.getMessage());
    }
    return view(p);
  }

  private com.fasterxml.jackson.databind.node.ObjectNode view(final OpenPosition p) {
    final var v = Views.position(p, markets.byId(p.market()), address(p));
    for (final Triggers.Trigger t : node.triggers().of(p.matchId())) {
      v.put(t.kind() == Triggers.Kind.STOP_LOSS ? "stopLoss" : "takeProfit", Views.usdc(t.price()));
    }
    return v;
  }

  private JsonNode close(final Request r) throws ApiError {
    final OpenPosition p = find(r);
    final Body b = Body.check(r.body(), CLOSE);
    final CompletableFuture<EscrowAccounts.Position> closing;
    if (b.text("type").orElseThrow().equals("mark")) {
      if (b.has("price")) {
        throw ApiError.field("price", "a close at mark takes no price");
      }
      closing = node.closeAtMark(p.match());
    } else {
      final long price = b.units("price", Views.USDC_DECIMALS)
          .orElseThrow(() -> ApiError.field("price", "required for a mutual close"));
      closing = node.closeMutual(p.match(), price);
    }
    try {
      final EscrowAccounts.Position closed = closing.get(60, TimeUnit.SECONDS);
      return JsonNodeFactory.instance.objectNode().put("id", p.matchId().toHex()).put("status",
          closed.closed() ? "closed" : "open");
    } catch (ExecutionException e) {
      throw Refusals.of(e.getCause());
    } catch (TimeoutException e) {
      throw new ApiError(ErrorCode.CHAIN_UNAVAILABLE, "the close was not confirmed within 60 s; read the position");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(ErrorCode.INTERNAL, "interrupted");
    }
  }

  private List<OpenPosition> positions() throws ApiError {
    try {
      return node.positions();
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read the store: " + e.getMessage());
    }
  }

  private OpenPosition find(final Request r) throws ApiError {
    final Bytes32 id = Ids.parse("id", r.param("id"));
    for (final OpenPosition p : positions()) {
      if (p.matchId().equals(id)) {
        return p;
      }
    }
    throw new ApiError(ErrorCode.NOT_FOUND, "no open position " + r.param("id"));
  }

  private String address(final OpenPosition p) {
    return node.chain().client().program().position(p.matchId().bytes(), p.match().payload().positionBump())
        .address().toBase58();
  }
}
