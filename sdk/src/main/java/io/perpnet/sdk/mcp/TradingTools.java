package io.perpnet.sdk.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.perpnet.sdk.client.ApiException;
import io.perpnet.sdk.client.NodeClient;
import io.perpnet.sdk.model.IntentRequest;
import io.perpnet.sdk.model.PlacedIntent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tools an LLM trades with, each a call of the node's API through {@link NodeClient} (so the
 * token's scope and the node's risk engine apply unchanged), with a JSON schema and a description
 * written for a model. Amounts are decimal strings, as in the REST API.
 */
final class TradingTools {
  /** A tool's body: the node's answer, or why not. */
  interface Handler {
    Object call(Args args) throws ApiException, Args.Bad, Refused;
  }

  /** A refusal of this session's guard rails (not the node's). */
  static final class Refused extends Exception {
    final String code;

    Refused(final String code, final String message) {
      super(message);
      this.code = code;
    }
  }

  private static final String ID = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\",\"description\":"
      + "\"the position's id (its match id, 64 hex digits) as list_positions gives it\"}},\"required\":[\"id\"],"
      + "\"additionalProperties\":false}";
  private static final String PRICE_OF_ID = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
      + "\"price\":{\"type\":\"string\",\"description\":\"USDC decimal string, e.g. \\\"66000\\\"\"}},"
      + "\"required\":[\"id\",\"price\"],\"additionalProperties\":false}";
  private static final String NONE = "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}";
  private static final String OPEN = "{\"type\":\"object\",\"properties\":{"
      + "\"market\":{\"type\":\"string\",\"description\":\"e.g. BTC-PERP (list_markets)\"},"
      + "\"side\":{\"type\":\"string\",\"enum\":[\"long\",\"short\"]},"
      + "\"size\":{\"type\":\"string\",\"description\":\"base units as a decimal string, e.g. \\\"0.001\\\" BTC\"},"
      + "\"notional_usdc\":{\"type\":\"string\",\"description\":\"instead of size: USDC to commit at the oracle price\"},"
      + "\"leverage\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":50},"
      + "\"limit_price\":{\"type\":\"string\",\"description\":\"worst acceptable price, USDC\"},"
      + "\"slippage_bps\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":10000,\"description\":\"instead of"
      + " limit_price: worst price as basis points from the oracle price (default 50)\"},"
      + "\"lifetime_ms\":{\"type\":\"integer\",\"minimum\":1000,\"maximum\":600000},"
      + "\"reason\":{\"type\":\"string\",\"description\":\"why you trade: kept with the intent, shown on the"
      + " dashboard\"},"
      + "\"confirm_oversize\":{\"type\":\"boolean\",\"description\":\"send an intent far above the usual size\"}},"
      + "\"required\":[\"market\",\"side\"],\"additionalProperties\":false}";
  private static final Set<String> OPEN_ARGS = Set.of("market", "side", "size", "notional_usdc", "leverage",
      "limit_price", "slippage_bps", "lifetime_ms", "reason", "confirm_oversize");

  private static final long POSITION_WAIT_MS = 15_000;
  private final NodeClient node;
  private final SessionGuard guard;
  private final McpJsonMapper json;

  TradingTools(final NodeClient node, final SessionGuard guard, final McpJsonMapper json) {
    this.node = node;
    this.guard = guard;
    this.json = json;
  }

  List<SyncToolSpecification> all() {
    return List.of(
        tool("list_markets", "The markets this node trades, with their oracle price, its age and whether it is"
            + " stale. Call first to learn the market names.", NONE, Set.of(), a -> Map.of("markets", node.markets(),
            "prices", node.prices())),
        tool("get_balance", "Free and locked collateral (USDC) and the wallet outside the escrow.", NONE, Set.of(),
            a -> node.balance()),
        tool("get_portfolio", "Equity, realised and unrealised PnL, exposure per market, fees and funding paid and"
            + " received.", NONE, Set.of(), a -> node.portfolio()),
        tool("open_position", "Open a perpetual position: publishes a signed intent to the network's market makers"
            + " and waits up to 10 s for a fill. Give size or notional_usdc; the node's risk limits apply and a"
            + " refusal says which. Answers the intent's status (filled, partial, unfilled) and its fills.", OPEN,
            OPEN_ARGS, this::open),
        tool("confirm_open", "In confirmation mode, place an open_position proposal by its proposal_id.",
            "{\"type\":\"object\",\"properties\":{\"proposal_id\":{\"type\":\"string\"}},\"required\":"
                + "[\"proposal_id\"],\"additionalProperties\":false}", Set.of("proposal_id"), this::confirm),
        tool("list_intents", "The intents placed through this node's API, newest first, with their status.", NONE,
            Set.of(), a -> node.intents()),
        tool("cancel_intent", "Cancel an open intent by its id.", "{\"type\":\"object\",\"properties\":{\"id\":"
            + "{\"type\":\"string\"}},\"required\":[\"id\"],\"additionalProperties\":false}", Set.of("id"),
            a -> node.cancel(a.required("id"))),
        tool("list_positions", "Our open positions: id, market, side, size, entry price, margin, counterparty,"
            + " stop-loss and take-profit.", NONE, Set.of(), a -> node.positions()),
        tool("position_health", "One position at the oracle mark: equity, PnL, margin ratio, liquidation price.",
            ID, Set.of("id"), a -> node.health(a.required("id"))),
        tool("close_position", "Close a position at the oracle mark (pays the taker fee).", ID, Set.of("id"),
            a -> node.closeAtMark(a.required("id"))),
        tool("set_stop_loss", "Close the position at mark once the oracle price reaches this price against us.",
            PRICE_OF_ID, Set.of("id", "price"), a -> node.stopLoss(a.required("id"), price(a))),
        tool("set_take_profit", "Close the position at mark once the oracle price reaches this price in our favour.",
            PRICE_OF_ID, Set.of("id", "price"), a -> node.takeProfit(a.required("id"), price(a))),
        tool("list_fills", "Recent opens and closes of our positions with fee, funding, PnL and the transaction.",
            NONE, Set.of(), a -> node.fills()),
        tool("get_risk", "The agent's limits and their use, circuit breakers, kill switch, dead-man switch, and this"
            + " session's budget.", NONE, Set.of(), a -> Map.of("node", node.risk(), "session", guard.state())),
        tool("deadman", "Arm or renew the dead-man switch: unless called again within timeout_ms, the node cancels"
            + " every open intent. 0 disarms.", "{\"type\":\"object\",\"properties\":{\"timeout_ms\":{\"type\":"
            + "\"integer\",\"minimum\":0}},\"required\":[\"timeout_ms\"],\"additionalProperties\":false}",
            Set.of("timeout_ms"), a -> node.deadman(a.integer("timeout_ms", 0, 86_400_000).orElseThrow(
                () -> new Args.Bad("timeout_ms", "timeout_ms is required")), false)),
        tool("withdraw", "Withdraw free collateral to a USDC token account (needs the node's full token).",
            "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"string\"},\"to\":{\"type\":\"string\","
                + "\"description\":\"a USDC token account address\"}},\"required\":[\"amount\",\"to\"],"
                + "\"additionalProperties\":false}", Set.of("amount", "to"),
            a -> node.withdraw(a.decimal("amount").orElseThrow(() -> new Args.Bad("amount", "amount is required")),
                a.required("to"))));
  }

  private static BigDecimal price(final Args a) throws Args.Bad {
    return a.decimal("price").orElseThrow(() -> new Args.Bad("price", "price is required"));
  }

  private Object open(final Args a) throws ApiException, Args.Bad, Refused {
    final IntentRequest request = request(a);
    final BigDecimal notional = notional(a, request);
    if (guard.confirmationMode()) {
      final SessionGuard.Proposal p = guard.propose(a.raw(), notional);
      return Map.of("proposalId", p.id(), "notionalUsdc", notional.toPlainString(), "arguments", p.arguments(),
          "next", "nothing is signed yet: call confirm_open with this proposal_id to place it");
    }
    return place(request, notional);
  }

  private Object confirm(final Args a) throws ApiException, Args.Bad, Refused {
    final String id = a.required("proposal_id");
    final SessionGuard.Proposal p = guard.take(id)
        .orElseThrow(() -> new Args.Bad("proposal_id", "no open proposal " + id + " (each is placed once)"));
    return place(request(Args.of(p.arguments(), OPEN_ARGS)), p.notional());
  }

  private Object place(final IntentRequest request, final BigDecimal notional) throws ApiException, Refused {
    final String over = guard.spend(notional);
    if (over != null) {
      throw new Refused("BUDGET", over);
    }
    final PlacedIntent placed;
    try {
      placed = node.place(request);
    } catch (ApiException e) {
      guard.refund(notional);
      throw e;
    }
    final PlacedIntent settled = node.awaitIntent(placed.id(), 10_000);
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("intent", settled);
    if (settled.matched().isEmpty()) {
      out.put("next", "no maker filled it; try a wider limit_price or later");
      return out;
    }
    final var position = awaitPosition(settled.matched().getFirst().id());
    out.put("position", position);
    out.put("next", position == null ? "matched; the position is not on chain yet: list_positions shows it"
        + " once it is" : "open on chain: position_health reads it, close_position closes it");
    return out;
  }

  /** The match's position once the chain shows it open, at most {@link #POSITION_WAIT_MS} (null after). */
  private io.perpnet.sdk.model.Position awaitPosition(final String matchId) throws ApiException {
    final long deadline = System.nanoTime() + POSITION_WAIT_MS * 1_000_000L;
    while (true) {
      try {
        return node.position(matchId);
      } catch (ApiException.NotFound notYet) {
        if (System.nanoTime() > deadline) {
          return null;
        }
        try {
          Thread.sleep(100); // the node answers NOT_FOUND until its watch saw the account open
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  private static IntentRequest request(final Args a) throws Args.Bad {
    final String market = a.required("market");
    final IntentRequest.Builder b = a.oneOf("side", Set.of("long", "short")).equals("long")
        ? IntentRequest.buy(market) : IntentRequest.sell(market);
    final var size = a.decimal("size");
    final var notional = a.decimal("notional_usdc");
    if (size.isPresent() == notional.isPresent()) {
      throw new Args.Bad("size", "give exactly one of size and notional_usdc");
    }
    size.ifPresent(b::size);
    if (notional.isPresent()) {
      b.notional(notional.get().toPlainString());
    }
    final var limit = a.decimal("limit_price");
    final var slippage = a.integer("slippage_bps", 0, 10_000);
    if (limit.isPresent() && slippage.isPresent()) {
      throw new Args.Bad("limit_price", "give at most one of limit_price and slippage_bps");
    }
    if (limit.isPresent()) {
      b.limitPrice(limit.get().toPlainString());
    }
    if (slippage.isPresent()) {
      b.slippageBps(slippage.get().intValue());
    }
    a.integer("leverage", 1, 50).ifPresent(l -> b.leverage(l.intValue()));
    a.integer("lifetime_ms", 1_000, 600_000).ifPresent(b::lifetimeMs);
    a.text("reason").ifPresent(b::reason);
    if (a.flag("confirm_oversize")) {
      b.confirm();
    }
    return b.build();
  }

  /** What the open commits, in USDC: the notional given, or size at the limit price (else the oracle's). */
  private BigDecimal notional(final Args a, final IntentRequest r) throws ApiException, Args.Bad {
    if (a.decimal("notional_usdc").isPresent()) {
      return a.decimal("notional_usdc").get();
    }
    final BigDecimal size = a.decimal("size").orElseThrow();
    final var limit = a.decimal("limit_price");
    final BigDecimal price = limit.isPresent() ? limit.get() : node.price(r.market()).price();
    return price == null ? BigDecimal.ZERO : size.multiply(price).stripTrailingZeros();
  }

  private SyncToolSpecification tool(final String name, final String description, final String schema,
      final Set<String> known, final Handler h) {
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder().name(name).description(description).inputSchema(json, schema).build())
        .callHandler((exchange, call) -> {
          try {
            return ToolResults.ok(h.call(Args.of(call.arguments(), known)));
          } catch (Args.Bad b) {
            return ToolResults.error("VALIDATION", b.getMessage(), b.field);
          } catch (Refused r) {
            return ToolResults.error(r.code, r.getMessage(), null);
          } catch (ApiException e) {
            return ToolResults.error(e);
          } catch (RuntimeException e) {
            return ToolResults.error("INTERNAL", String.valueOf(e.getMessage()), null);
          }
        }).build();
  }
}
