package io.perpnet.node.api.http;

/**
 * The API's stable error codes: what an agent must handle differently has its own code. The
 * escrow's and consensus's own reasons pass through by their names (see {@link ApiError#passthrough}).
 */
public enum ErrorCode {
  /** A field is missing, unknown, of the wrong type or out of range; {@code details.field} names it. */
  VALIDATION(400, false),
  MALFORMED_JSON(400, false),
  UNAUTHORIZED(401, false),
  /** The token's scope does not allow this route. */
  FORBIDDEN(403, false),
  /** The Host header is not one the node serves (DNS rebinding guard). */
  BAD_HOST(403, false),
  NOT_FOUND(404, false),
  METHOD_NOT_ALLOWED(405, false),
  BODY_TOO_LARGE(413, false),
  UNSUPPORTED_MEDIA_TYPE(415, false),
  RATE_LIMITED(429, true),
  UNKNOWN_MARKET(400, false),
  STALE_ORACLE(409, true),
  INSUFFICIENT_COLLATERAL(409, false),
  RISK_LIMIT(409, false),
  /** A circuit breaker paused new trades; {@code details.breaker} (DAILY_LOSS, BIG_LOSS, LOSS_STREAK), {@code details.untilMs}. */
  CIRCUIT_BREAKER(409, true),
  /** An intent far above the agent's usual size: send it again with {@code "confirm": true}. */
  CONFIRMATION_REQUIRED(409, false),
  KILL_SWITCH(409, false),
  /** The dead-man switch expired: renew it ({@code POST /v1/deadman}) to trade again. */
  DEADMAN(409, false),
  /** An MCP session's notional budget would be passed (that session's own guard rail, beside the agent's limits). */
  BUDGET(409, false),
  NO_QUOTES(409, true),
  EXPIRED(409, false),
  /** The node's role does not allow this (a quote from a node that is not a maker, say). */
  NOT_A_MAKER(409, false),
  /** The node does not run the role this needs (liquidator statistics on a node without it, say); {@code details.role}. */
  ROLE_MISSING(409, false),
  CHAIN_UNAVAILABLE(503, true),
  /** Refused by the escrow program or a consensus rule; {@code details.reason} is its name. */
  REFUSED(409, false),
  INTERNAL(500, true);

  private final int status;
  private final boolean retryable;

  ErrorCode(final int status, final boolean retryable) {
    this.status = status;
    this.retryable = retryable;
  }

  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }
}
