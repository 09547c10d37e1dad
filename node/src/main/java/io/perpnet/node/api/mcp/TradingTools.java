package io.perpnet.node.api.mcp;

import static io.perpnet.node.api.mcp.ToolBuilder.tool;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The tools an LLM trades with, each a route of the API (so the token's scope, the validation and
 * the risk engine apply as over HTTP), with a description written for a model. Arguments carry
 * the REST API's names; amounts and prices are decimal strings.
 */
final class TradingTools {
  private static final String POSITION_ID = "the position's id (its match id, 64 hex digits) as list_positions"
      + " gives it";

  private TradingTools() {}

  static List<Tool> all(final RouteCalls r) {
    final List<Tool> tools = new ArrayList<>();
    tools.add(tool(r, "list_markets", "The markets this node trades, with their parameters, open interest and oracle"
        + " price (its age and whether it is stale). Call first to learn the market names.").handles(c -> {
          final ObjectNode o = JsonNodeFactory.instance.objectNode();
          o.set("markets", r.get(c.scope(), "/v1/markets"));
          o.set("prices", r.get(c.scope(), "/v1/prices"));
          return o;
        }));
    tools.add(tool(r, "get_price", "One market's oracle price and its age.").id("market", "e.g. BTC-PERP")
        .calls("GET", "/v1/prices/{market}"));
    tools.add(tool(r, "get_balance", "Free and locked collateral (USDC) in the escrow and the wallet outside it.")
        .calls("GET", "/v1/balance"));
    tools.add(tool(r, "get_portfolio", "Equity, realised and unrealised PnL, exposure per market, fees and funding"
        + " paid and received.").calls("GET", "/v1/portfolio"));
    tools.addAll(new OpenTools(r).all());
    tools.add(tool(r, "list_intents", "The intents placed through this node, newest first, with their status and"
        + " fills.").query("status", "open, filled, partial, unfilled or cancelled")
        .query("market", "e.g. BTC-PERP").calls("GET", "/v1/intents"));
    tools.add(tool(r, "cancel_intent", "Cancel an open intent.").id("id", "the intent's id (64 hex digits)")
        .calls("DELETE", "/v1/intents/{id}"));
    tools.add(tool(r, "list_positions", "Our open positions: id, market, side, size, entry price, margin,"
        + " counterparty, stop-loss and take-profit.").query("market", "only this market")
        .calls("GET", "/v1/positions"));
    tools.add(tool(r, "position_health", "One position at the oracle mark: equity, PnL, margin ratio, liquidation"
        + " price, whether it can be liquidated.").id("id", POSITION_ID).calls("GET", "/v1/positions/{id}/health"));
    tools.add(tool(r, "close_position", "Close a position: type \"mark\" closes at the oracle mark now (pays the"
        + " taker fee); \"mutual\" proposes a price to the other party.").id("id", POSITION_ID)
        .calls("POST", "/v1/positions/{id}/close"));
    tools.add(tool(r, "set_stop_loss", "The node closes the position at mark once the oracle price reaches this"
        + " price against us (kept across restarts); clear: true removes it.").id("id", POSITION_ID)
        .calls("POST", "/v1/positions/{id}/stop-loss"));
    tools.add(tool(r, "set_take_profit", "The node closes the position at mark once the oracle price reaches this"
        + " price in our favour (kept across restarts); clear: true removes it.").id("id", POSITION_ID)
        .calls("POST", "/v1/positions/{id}/take-profit"));
    tools.add(tool(r, "list_fills", "Opens and closes of our positions, newest first, with price, fee, funding,"
        + " PnL and the transaction.").query("market", "only this market")
        .query("kind", "open, close_at_mark, close_mutual or liquidated").calls("GET", "/v1/fills"));
    tools.add(tool(r, "get_risk", "The agent's limits and their use, circuit breakers, kill switch, dead-man switch,"
        + " and this session's budget and confirmation mode.").handles(c -> {
          final ObjectNode o = JsonNodeFactory.instance.objectNode();
          o.set("node", r.get(c.scope(), "/v1/risk"));
          o.set("session", c.session().guard().state());
          return o;
        }));
    tools.add(tool(r, "deadman", "Arm or renew the dead-man switch: unless called again within timeoutMs, the node"
        + " cancels every open intent and refuses new ones until renewed. 0 disarms.").calls("POST", "/v1/deadman"));
    tools.add(tool(r, "withdraw", "Withdraw free collateral to a USDC token account (needs the node's full token).")
        .calls("POST", "/v1/withdraw"));
    return List.copyOf(tools);
  }
}
