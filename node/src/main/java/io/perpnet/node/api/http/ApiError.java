package io.perpnet.node.api.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An error answered as {@code {"code", "message", "retryable", "details"}}: thrown by a route,
 * written by the server. The code is stable; the message is for people and may change.
 */
public final class ApiError extends Exception {
  private final ErrorCode code;
  private final String name;
  private final Map<String, Object> details;

  public ApiError(final ErrorCode code, final String message, final Map<String, Object> details) {
    super(message);
    this.code = code;
    this.name = code.name();
    this.details = Map.copyOf(details);
  }

  public ApiError(final ErrorCode code, final String message) {
    this(code, message, Map.of());
  }

  private ApiError(final String reason, final String message, final boolean retryable) {
    super(message);
    this.code = ErrorCode.REFUSED;
    this.name = reason;
    this.details = Map.of("retryable", retryable);
  }

  /** A field's fault: {@code VALIDATION} with {@code details.field}. */
  public static ApiError field(final String field, final String message) {
    return new ApiError(ErrorCode.VALIDATION, field + ": " + message, Map.of("field", field));
  }

  /** The escrow's or consensus's own reason, under its own name (e.g. {@code PRICE_OUTSIDE_LIMIT}). */
  public static ApiError passthrough(final String reason, final String message) {
    return new ApiError(reason, message, false);
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return code.status();
  }

  public ObjectNode json() {
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("code", name).put("message", getMessage()).put("retryable", code.retryable());
    final ObjectNode d = o.putObject("details");
    details.forEach((k, v) -> {
      if (!k.equals("retryable")) {
        d.putPOJO(k, v);
      }
    });
    return o;
  }
}
