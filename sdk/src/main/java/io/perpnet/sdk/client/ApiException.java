package io.perpnet.sdk.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An error the node answered ({@code {"code", "message", "retryable", "details"}}), or that it
 * could not be reached ({@code UNREACHABLE}). The subclasses are the cases an agent handles
 * differently; every other code (the escrow's and consensus's reasons by name among them) comes
 * as this class with its {@link #code()}.
 */
public class ApiException extends Exception {
  private final String code;
  private final int httpStatus;
  private final boolean retryable;
  private final transient JsonNode details;

  public ApiException(final String code, final String message, final int httpStatus, final boolean retryable,
      final JsonNode details) {
    super(code + ": " + message);
    this.code = code;
    this.httpStatus = httpStatus;
    this.retryable = retryable;
    this.details = details == null ? MissingNode.getInstance() : details;
  }

  /** The API's stable code, e.g. {@code INSUFFICIENT_COLLATERAL}. */
  public String code() {
    return code;
  }

  /** 0 when the node was not reached. */
  public int httpStatus() {
    return httpStatus;
  }

  public boolean retryable() {
    return retryable;
  }

  public JsonNode details() {
    return details;
  }

  /** The typed exception for an answer of the node. */
  static ApiException of(final int status, final JsonNode body) {
    final String code = body.path("code").asText("INTERNAL");
    final String message = body.path("message").asText("");
    final boolean retryable = body.path("retryable").asBoolean(false);
    final JsonNode d = body.path("details");
    return switch (code) {
      case "VALIDATION", "MALFORMED_JSON" -> new Validation(code, message, status, d);
      case "RATE_LIMITED" -> new RateLimited(message, status, d);
      case "RISK_LIMIT", "CIRCUIT_BREAKER", "KILL_SWITCH", "DEADMAN", "CONFIRMATION_REQUIRED" ->
          new RiskRefused(code, message, status, retryable, d);
      case "UNAUTHORIZED", "FORBIDDEN", "BAD_HOST" -> new NotAllowed(code, message, status, d);
      case "NOT_FOUND" -> new NotFound(message, status, d);
      default -> new ApiException(code, message, status, retryable, d);
    };
  }

  /** A field of the request is wrong ({@link #field()} names it), or the body is not JSON. */
  public static final class Validation extends ApiException {
    Validation(final String code, final String message, final int status, final JsonNode d) {
      super(code, message, status, false, d);
    }

    public String field() {
      return details().path("field").asText(null);
    }
  }

  /** The token's rate was exceeded; {@link #retryAfterMs()} says when to try again. */
  public static final class RateLimited extends ApiException {
    RateLimited(final String message, final int status, final JsonNode d) {
      super("RATE_LIMITED", message, status, true, d);
    }

    public long retryAfterMs() {
      return details().path("retryAfterMs").asLong(1_000);
    }
  }

  /**
   * The node's risk engine refused before signing: a limit ({@code details.limit}), a breaker
   * ({@code details.breaker}, {@code untilMs}), a switch, or an oversized intent to confirm.
   */
  public static final class RiskRefused extends ApiException {
    RiskRefused(final String code, final String message, final int status, final boolean retryable, final JsonNode d) {
      super(code, message, status, retryable, d);
    }
  }

  /** The token is missing, wrong, or of too small a scope; or the Host header is not allowed. */
  public static final class NotAllowed extends ApiException {
    NotAllowed(final String code, final String message, final int status, final JsonNode d) {
      super(code, message, status, false, d);
    }
  }

  public static final class NotFound extends ApiException {
    NotFound(final String message, final int status, final JsonNode d) {
      super("NOT_FOUND", message, status, false, d);
    }
  }

  /** No answer: the node is down, restarting, or not at that address. */
  public static final class Unreachable extends ApiException {
    Unreachable(final String message) {
      super("UNREACHABLE", message, 0, true, null);
    }
  }
}
