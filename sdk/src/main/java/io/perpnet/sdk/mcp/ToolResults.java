package io.perpnet.sdk.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.perpnet.sdk.client.ApiException;
import io.perpnet.sdk.client.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * What a tool answers: the node's answer as JSON text (amounts as decimal strings), or a tool error
 * a model can act on: the API's code, its message, the offending field, and what to do next.
 */
final class ToolResults {
  private ToolResults() {}

  static CallToolResult ok(final Object answer) {
    try {
      return CallToolResult.builder().addTextContent(Json.MAPPER.writeValueAsString(answer)).isError(false).build();
    } catch (JsonProcessingException e) {
      return error("INTERNAL", "the answer could not be written as JSON: " + e.getOriginalMessage(), null);
    }
  }

  static CallToolResult error(final ApiException e) {
    final String field = e instanceof ApiException.Validation v ? v.field() : null;
    return error(e.code(), message(e), field);
  }

  /** {@code "CODE: message (field: f). hint"}. */
  static CallToolResult error(final String code, final String message, final String field) {
    final StringBuilder s = new StringBuilder(code).append(": ").append(message);
    if (field != null && !field.isEmpty()) {
      s.append(" (field: ").append(field).append(')');
    }
    final String hint = hint(code);
    if (hint != null) {
      s.append(". ").append(hint);
    }
    return CallToolResult.builder().addTextContent(s.toString()).isError(true).build();
  }

  private static String message(final ApiException e) {
    final String m = e.getMessage();
    return m.startsWith(e.code() + ": ") ? m.substring(e.code().length() + 2) : m;
  }

  /** The next step for the codes a model meets most. */
  static String hint(final String code) {
    return switch (code) {
      case "STALE_ORACLE" -> "Retry after the next oracle update (a few seconds)";
      case "INSUFFICIENT_COLLATERAL" -> "Use a smaller size or a higher leverage, or ask the operator to deposit";
      case "RISK_LIMIT" -> "The agent's risk limits refuse it: reduce the size or leverage, or close a position";
      case "CIRCUIT_BREAKER", "KILL_SWITCH", "DEADMAN" -> "Trading is paused for this agent; check get_risk";
      case "CONFIRMATION_REQUIRED" -> "The size is far above the usual one: call open_position again with"
          + " confirm_oversize true only if that is intended";
      case "RATE_LIMITED" -> "Wait a second and retry";
      case "FORBIDDEN" -> "This session's token does not allow it; the operator must grant a wider token";
      case "NOT_FOUND" -> "Check the id with list_positions or list_intents";
      case "UNKNOWN_MARKET" -> "Call list_markets for the markets this node follows";
      case "VALIDATION" -> "Fix the argument and call again";
      case "BUDGET" -> "This session's notional budget is spent; close positions or start a new session";
      case "UNREACHABLE" -> "The node is not answering; retry later";
      default -> null;
    };
  }
}
