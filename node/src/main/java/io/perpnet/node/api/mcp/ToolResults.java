package io.perpnet.node.api.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ApiHandler;

/**
 * What a tool answers: the route's answer as JSON text (amounts as decimal strings, as over
 * HTTP), or a tool error a model can act on, {@code "CODE: message (field: f). What to do."}: the
 * API's stable code first (the escrow's and consensus's reasons by their own names), then its
 * message, the offending field and the next step.
 */
final class ToolResults {
  private ToolResults() {}

  static CallToolResult ok(final JsonNode answer) {
    try {
      return CallToolResult.builder().addTextContent(ApiHandler.JSON.writeValueAsString(answer)).isError(false)
          .build();
    } catch (JsonProcessingException e) {
      return error("INTERNAL", "the answer could not be written as JSON: " + e.getOriginalMessage(), null);
    }
  }

  static CallToolResult error(final ApiError e) {
    final JsonNode json = e.json();
    final String field = json.path("details").path("field").asText(null);
    return error(json.path("code").asText(), e.getMessage(), field);
  }

  static CallToolResult error(final String code, final String message, final String field) {
    return CallToolResult.builder().addTextContent(text(code, message, field)).isError(true).build();
  }

  /** {@code "CODE: message (field: f). hint"}. */
  static String text(final String code, final String message, final String field) {
    final String m = message.startsWith(code + ": ") ? message.substring(code.length() + 2) : message;
    final StringBuilder s = new StringBuilder(code).append(": ").append(m);
    if (field != null && !field.isEmpty()) {
      s.append(" (field: ").append(field).append(')');
    }
    final String hint = hint(code);
    if (hint != null) {
      s.append(". ").append(hint);
    }
    return s.toString();
  }

  /** The next step for the codes a model meets most. */
  static String hint(final String code) {
    return switch (code) {
      case "VALIDATION" -> "Fix that argument and call again";
      case "STALE_ORACLE" -> "Retry after the next oracle update (a few seconds)";
      case "INSUFFICIENT_COLLATERAL" -> "Use a smaller size or a higher leverage, or ask the operator to deposit";
      case "RISK_LIMIT" -> "The agent's risk limits refuse it: reduce the size or leverage, or close a position";
      case "CIRCUIT_BREAKER", "KILL_SWITCH", "DEADMAN" -> "Trading is paused for this agent; get_risk says why"
          + " and until when";
      case "CONFIRMATION_REQUIRED" -> "The size is far above the usual one: call open_position again with"
          + " confirm true only if that is intended";
      case "NO_QUOTES" -> "No market maker answered: retry later or with a wider limitPrice";
      case "RATE_LIMITED" -> "Wait a second and retry";
      case "FORBIDDEN" -> "This session's token does not allow it; the operator must grant a wider token";
      case "NOT_FOUND" -> "Check the id with list_positions or list_intents";
      case "UNKNOWN_MARKET" -> "Call list_markets for the markets this node follows";
      case "BUDGET" -> "This session's notional budget is spent; close positions or ask the operator for a new"
          + " session";
      case "CHAIN_UNAVAILABLE" -> "The chain is not answering; retry in a few seconds";
      default -> null;
    };
  }
}
