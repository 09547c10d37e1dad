package io.perpnet.node.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.json.Field;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code open_position} and {@code confirm_open}: an intent placed through {@code POST
 * /v1/intents} (every check of the route and the risk engine applies), then followed until a
 * maker filled it and the chain shows the position open, so that one call answers what happened.
 * The session's guard rails come first: its budget, and in confirmation mode a proposal instead.
 */
final class OpenTools {
  /** How long an open waits for its intent to be filled or to end ({@code GET /v1/intents/{id}?waitMs}). */
  static final long FILL_WAIT_MS = 10_000;
  /** How long it then waits for the position on chain ({@code GET /v1/positions/{id}?waitMs}). */
  static final long OPEN_WAIT_MS = 15_000;

  private final RouteCalls routes;

  OpenTools(final RouteCalls routes) {
    this.routes = routes;
  }

  List<Tool> all() {
    final List<Field> intent = routes.route("POST", "/v1/intents").body();
    return List.of(
        ToolBuilder.tool(routes, "open_position", "Open a perpetual position: signs an intent, publishes it to the"
            + " network's market makers, accepts the best quote and waits (up to 25 s) until the position is open on"
            + " chain. Give market, side and exactly one of size (base units, e.g. \"0.001\" BTC) or notionalUsdc;"
            + " prices and amounts are decimal strings. Optional: leverage, limitPrice or slippageBps (default 50"
            + " from the oracle price), lifetimeMs, reason (why you trade: kept and shown on the dashboard). The"
            + " agent's risk limits apply and a refusal names which. Answers the intent (status, fills) and the"
            + " position.").handles(intent, this::open),
        ToolBuilder.tool(routes, "confirm_open", "In confirmation mode open_position only proposes: this places the"
            + " proposal with its proposalId, once.").handles(List.of(Field.text("proposalId", true, 40,
            "the proposalId open_position answered")), this::confirm));
  }

  private JsonNode open(final Tool.Call c) throws ApiError {
    final SessionGuard guard = c.session().guard();
    final BigDecimal notional = guard.needsNotional() ? notional(c.scope(), c.args()) : BigDecimal.ZERO;
    if (guard.confirmationMode()) {
      final SessionGuard.Proposal p = guard.propose(c.args(), notional);
      final ObjectNode out = JsonNodeFactory.instance.objectNode().put("proposalId", p.id())
          .put("notionalUsdc", notional.toPlainString());
      out.set("arguments", p.arguments());
      return out.put("next", "nothing is signed yet: call confirm_open with this proposalId to place it");
    }
    return place(c, c.args(), notional);
  }

  private JsonNode confirm(final Tool.Call c) throws ApiError {
    final String id = c.args().path("proposalId").asText();
    final SessionGuard.Proposal p = c.session().guard().take(id)
        .orElseThrow(() -> ApiError.field("proposalId", "no proposal " + id + " waits (each is placed once)"));
    return place(c, p.arguments(), p.notional());
  }

  private JsonNode place(final Tool.Call c, final ObjectNode intent, final BigDecimal notional) throws ApiError {
    final SessionGuard guard = c.session().guard();
    guard.spend(notional);
    final JsonNode placed;
    try {
      placed = routes.call(c.scope(), "POST", "/v1/intents", intent);
    } catch (ApiError e) {
      guard.refund(notional);
      throw e;
    }
    final String id = placed.path("id").asText();
    final JsonNode settled = routes.get(c.scope(), "/v1/intents/" + id + "?waitMs=" + FILL_WAIT_MS);
    final ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("intent", settled);
    final String match = firstMatch(settled);
    if (match == null) {
      return out.put("next", "status " + settled.path("status").asText() + ": no maker filled it; try a wider"
          + " limitPrice, or later");
    }
    try {
      out.set("position", routes.get(c.scope(), "/v1/positions/" + match + "?waitMs=" + OPEN_WAIT_MS));
      return out.put("next", "open on chain: position_health reads it, close_position closes it");
    } catch (ApiError e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      return out.put("next", "matched, not yet open on chain: list_positions shows it once it is");
    }
  }

  private static String firstMatch(final JsonNode intent) {
    for (final JsonNode f : intent.path("fills")) {
      if (f.path("state").asText().equals("countersigned") && f.hasNonNull("id")) {
        return f.get("id").asText();
      }
    }
    return null;
  }

  /** What an open commits, in USDC: the notional given, else size at the limit price or the oracle's. */
  private BigDecimal notional(final Scope scope, final ObjectNode args) throws ApiError {
    final var given = ToolArgs.decimal(args, "notionalUsdc");
    if (given.isPresent()) {
      return given.get();
    }
    final BigDecimal size = ToolArgs.decimal(args, "size")
        .orElseThrow(() -> ApiError.field("size", "give exactly one of size and notionalUsdc"));
    final var limit = ToolArgs.decimal(args, "limitPrice");
    if (limit.isPresent()) {
      return size.multiply(limit.get()).stripTrailingZeros();
    }
    final String market = ToolArgs.id(args, "market");
    final JsonNode price = routes.get(scope, "/v1/prices/" + market).path("price");
    if (!price.isTextual()) {
      throw new ApiError(ErrorCode.STALE_ORACLE, market + " has no oracle price to value this open at; give"
          + " limitPrice or notionalUsdc, or retry after the next oracle update");
    }
    return size.multiply(new BigDecimal(price.asText())).stripTrailingZeros();
  }
}
