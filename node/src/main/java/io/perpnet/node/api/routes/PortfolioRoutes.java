package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.Health;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.chain.OpenPosition;
import io.perpnet.node.fills.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /v1/portfolio}: the agent's money at a glance, from the chain. {@code realizedPnl} is our
 * margin account's running result, {@code free + locked - deposited + withdrawn} (realised PnL,
 * fees and funding; withdrawals this node made are counted back); {@code unrealizedPnl} is each
 * open position's PnL at the oracle mark by the program's formula (funding not yet settled
 * excluded); {@code equity} = free + locked + unrealized; exposure per market is the notional at
 * mark of our long and short positions; {@code fees}, {@code fundingPaid} and {@code fundingReceived}
 * are {@code /v1/fees}' totals (closed positions from their fills, open ones as settled so far).
 */
public final class PortfolioRoutes {
  private final Node node;
  private final Markets markets;

  public PortfolioRoutes(final Node node, final Markets markets) {
    this.node = node;
    this.markets = markets;
  }

  public List<Route> routes() {
    return List.of(Route.get("/v1/portfolio", Scope.READ,
        "Equity, realised and unrealised PnL, exposure per market, fees and funding", "the portfolio, USDC decimal strings", this::get));
  }

  private record Exposure(long longNotional, long shortNotional) {}

  private JsonNode get(final Request r) throws ApiError {
    final Optional<EscrowAccounts.Margin> margin;
    try {
      margin = node.balance();
    } catch (RpcError e) {
      throw new ApiError(ErrorCode.CHAIN_UNAVAILABLE, "cannot read our margin account: " + e.getMessage());
    }
    final OurPositions ours = OurPositions.read(node);
    final List<OpenPosition> open = ours.open();
    final List<Optional<EscrowAccounts.Position>> accounts = ours.accounts();
    final long free = margin.map(EscrowAccounts.Margin::free).orElse(0L);
    final long locked = margin.map(EscrowAccounts.Margin::locked).orElse(0L);
    final long realized = free + locked - margin.map(EscrowAccounts.Margin::deposited).orElse(0L)
        + node.breakers().state().withdrawn();
    long unrealized = 0;
    final TreeMap<String, Exposure> exposure = new TreeMap<>();
    final ArrayNode unpriced = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < open.size(); i++) {
      final OpenPosition p = open.get(i);
      final MarketParams m = markets.byId(p.market());
      final EscrowAccounts.Market market = markets.account(m);
      if (market.price() <= 0 || accounts.get(i).isEmpty()) {
        unpriced.add(p.matchId().toHex());
        continue;
      }
      final Health h = Health.of(accounts.get(i).get(), !p.weAreMaker(), market.price(),
          market.config());
      unrealized += h.pnl();
      final boolean weAreLong = (p.side() == io.perpnet.consensus.message.Side.LONG) != p.weAreMaker();
      final Exposure e = exposure.getOrDefault(m.symbol(), new Exposure(0, 0));
      exposure.put(m.symbol(), weAreLong ? new Exposure(e.longNotional() + h.notionalAtMark(), e.shortNotional())
          : new Exposure(e.longNotional(), e.shortNotional() + h.notionalAtMark()));
    }
    final ObjectNode o = JsonNodeFactory.instance.objectNode().put("free", Views.usdc(free))
        .put("locked", Views.usdc(locked)).put("equity", Views.usdc(free + locked + unrealized))
        .put("realizedPnl", Views.usdc(realized)).put("unrealizedPnl", Views.usdc(unrealized))
        .put("openPositions", open.size());
    final ArrayNode ex = o.putArray("exposure");
    exposure.forEach((symbol, e) -> ex.addObject().put("market", symbol).put("long", Views.usdc(e.longNotional()))
        .put("short", Views.usdc(e.shortNotional())).put("net", Views.usdc(e.longNotional() - e.shortNotional())));
    o.set("unpriced", unpriced);
    final Ledger.Sums paid = Ledger.of(FillRoutes.all(node), ours.fundingSoFar()).total();
    o.put("fees", Views.usdc(paid.fees())).put("fundingPaid", Views.usdc(paid.fundingPaid()))
        .put("fundingReceived", Views.usdc(paid.fundingReceived()));
    return o;
  }
}
