package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.fills.Fill;
import io.perpnet.node.fills.Ledger;
import io.perpnet.node.store.Column;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/fills}: the opens and closes of our positions with what each cost and paid;
 * {@code /v1/fees}: the markets' fee rates and what we paid in fees and paid and received in
 * funding ({@link Ledger}), closed positions from their fills, open ones as settled so far.
 */
public final class FillRoutes {
  private static final int MAX_FILLS = 1000;
  private final Node node;
  private final Markets markets;

  public FillRoutes(final Node node, final Markets markets) {
    this.node = node;
    this.markets = markets;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/fills", Scope.READ, "The opens and closes of our positions, newest first (?market, ?kind:"
            + " open, close_at_mark, close_mutual, liquidated; ?limit, default 100, at most 1000)",
            "fills: matchId, kind, market, role, side, size, price, fee, funding, pnl, margin, returned, realized,"
                + " atMs, transaction", this::list),
        Route.get("/v1/fees", Scope.READ, "Fee rates per market, and the fees and funding this node paid and"
            + " received", "markets (rates in bps, funding cap in ppm per 8 h), total and byMarket (USDC decimal"
                + " strings)", this::fees));
  }

  static List<Fill> all(final Node node) {
    final List<Fill> out = new ArrayList<>();
    node.store().forEach(Column.FILLS, (k, v) -> out.add(Fill.decode(v)));
    // newest first; the chain's clock has whole seconds, so within one a close comes before its open
    out.sort(Comparator.comparingLong(Fill::atMs).thenComparing(f -> !f.kind().open()).reversed());
    return out;
  }

  private JsonNode list(final Request r) throws ApiError {
    final Optional<Integer> market = r.query("market").isPresent()
        ? Optional.of(markets.bySymbol("market", r.query("market").get()).id()) : Optional.empty();
    final Optional<String> kind = r.query("kind");
    if (kind.isPresent() && java.util.Arrays.stream(Fill.Kind.values()).noneMatch(k -> k.apiName().equals(kind.get()))) {
      throw ApiError.field("kind", "must be open, close_at_mark, close_mutual or liquidated");
    }
    final long limit = r.queryLong("limit", 100, 1, MAX_FILLS);
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    all(node).stream().filter(f -> market.map(m -> m == f.market()).orElse(true))
        .filter(f -> kind.map(k -> k.equals(f.kind().apiName())).orElse(true)).limit(limit)
        .forEach(f -> out.add(Views.fill(f, markets.byId(f.market()))));
    return out;
  }

  private JsonNode fees(final Request r) throws ApiError {
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    final ArrayNode rates = o.putArray("markets");
    for (final MarketParams m : markets.all().values()) {
      final EscrowAccounts.Market a = markets.account(m);
      rates.addObject().put("market", m.symbol()).put("takerFeeBps", a.config().takerFeeBps())
          .put("makerFeeBps", a.config().makerFeeBps()).put("liquidationFeeBps", a.config().liquidationFeeBps())
          .put("liquidatorShareBps", a.config().liquidatorShareBps()).put("fundingCapPpm", a.config().fundingCapPpm());
    }
    final Ledger ledger = Ledger.of(all(node), OurPositions.read(node).fundingSoFar());
    o.set("total", sums(ledger.total()));
    final ArrayNode by = o.putArray("byMarket");
    for (final Map.Entry<Integer, Ledger.Sums> e : ledger.byMarket().entrySet()) {
      final MarketParams m = markets.byId(e.getKey());
      by.add(sums(e.getValue()).put("market", m == null ? Integer.toString(e.getKey()) : m.symbol()));
    }
    return o;
  }

  /** {@code fees} (open + close + liquidation), {@code fundingPaid}, {@code fundingReceived}, {@code fundingNet}. */
  static ObjectNode sums(final Ledger.Sums s) {
    return JsonNodeFactory.instance.objectNode().put("fees", Views.usdc(s.fees()))
        .put("openFees", Views.usdc(s.openFees())).put("closeFees", Views.usdc(s.closeFees()))
        .put("liquidationFees", Views.usdc(s.liquidationFees())).put("fundingPaid", Views.usdc(s.fundingPaid()))
        .put("fundingReceived", Views.usdc(s.fundingReceived())).put("fundingNet", Views.usdc(s.fundingNet()));
  }
}
