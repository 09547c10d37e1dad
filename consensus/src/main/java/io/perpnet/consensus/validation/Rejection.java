package io.perpnet.consensus.validation;

/**
 * Every reason a message, a set of messages or a commitment is refused. Codes are stable and
 * append-only: they travel in logs, peer scores and API errors.
 */
public enum Rejection {
  // --- decoding (0xx) ---
  TRUNCATED(1, "fewer bytes than the layout needs"),
  OVERLONG(2, "more bytes than the layout has"),
  UNKNOWN_DOMAIN(3, "the domain tag names no message type"),
  UNSUPPORTED_VERSION(4, "the layout version is not supported"),
  NONZERO_RESERVED(5, "a reserved byte is not zero"),
  INVALID_PUBLIC_KEY(6, "a key field is not a valid Ed25519 point"),
  VALUE_OUT_OF_RANGE(7, "an amount, time or nonce exceeds 2^63-1"),
  INVALID_SIDE(8, "side is neither 0 (long) nor 1 (short)"),
  WRONG_TYPE(9, "a different message type was expected here"),

  // --- context (1xx) ---
  BAD_SIGNATURE(100, "a signature does not verify"),
  WRONG_PROGRAM(101, "bound to another escrow program"),
  UNKNOWN_MARKET(102, "bound to a market this node does not know"),
  EXPIRED(103, "the expiry has passed"),
  EXPIRY_TOO_FAR(104, "the expiry is further ahead than allowed"),
  REPLAYED_NONCE(105, "the signer already used this nonce"),

  // --- bounds (2xx) ---
  ZERO_SIZE(200, "a size is zero"),
  ZERO_PRICE(201, "a price is zero"),
  LEVERAGE_OUT_OF_RANGE(202, "leverage is zero or above the market maximum"),
  MIN_FILL_ABOVE_SIZE(203, "the minimum fill exceeds the size"),
  ZERO_MARGIN(204, "a margin is zero"),
  SAME_PARTY(205, "trader and market maker are the same key"),
  ARITHMETIC_OVERFLOW(206, "a derived amount overflows 63 bits"),

  // --- agreement across intent, quote, accept, match (3xx) ---
  INTENT_MISMATCH(300, "the quote does not reference this intent"),
  QUOTE_MISMATCH(301, "the accept does not reference this quote"),
  CONTEXT_MISMATCH(302, "the messages are bound to different programs or markets"),
  QUOTE_EXCEEDS_INTENT(303, "the quote's size exceeds the intent's size"),
  PRICE_OUTSIDE_LIMIT(304, "the quote's price is outside the intent's limit"),
  FUNDING_ABOVE_MAX(305, "the quote's funding rate exceeds the intent's maximum"),
  FILL_EXCEEDS_QUOTE(306, "the accepted size exceeds the quote's size"),
  FILL_BELOW_MIN(307, "the size is below the intent's minimum fill"),
  NOT_THE_TRADER(308, "the accept is not signed by the intent's trader"),
  MATCH_NOT_DERIVED(309, "the match terms differ from those derived from intent, quote and accept"),
  CLOSE_SIZE_MISMATCH(310, "a close takes the whole position"),

  // --- commitments (4xx) ---
  EXCEEDS_QUOTE_SIZE(400, "together with earlier commitments this exceeds the quote's size"),
  EXCEEDS_INTENT_SIZE(401, "together with earlier commitments this exceeds the intent's size"),
  INSUFFICIENT_COLLATERAL(402, "not enough free collateral for the margin"),
  EXCEEDS_AGENT_LEVERAGE(403, "leverage above the agent's declared maximum"),
  EXCEEDS_AGENT_POSITION(404, "notional above the agent's declared maximum position"),
  TOO_MANY_POSITIONS(405, "the agent's maximum number of open positions is reached"),
  NOT_A_PARTY(406, "this node's key is not a party to the terms"),
  ALREADY_COMMITTED(407, "these exact terms are already committed"),
  COMMITMENT_UNAVAILABLE(408, "the node cannot persist a commitment now; retry later"),
  TOO_MANY_REQUESTS(409, "more requests from one peer than the node answers; slow down"),
  AGENT_HALTED(410, "the agent's kill switch or dead-man switch is on: it commits to nothing new"),

  // --- oracle (5xx) ---
  UNKNOWN_ORACLE(500, "the attestation's signer is not in the oracle set"),
  DUPLICATE_ORACLE(501, "two attestations from one signer"),
  STALE_PRICE(502, "the attestation is older than the staleness window"),
  FUTURE_PRICE(503, "the attestation is dated in the future"),
  INSUFFICIENT_QUORUM(504, "fewer valid attestations than the threshold"),
  SPREAD_TOO_WIDE(505, "the attested prices are further apart than the maximum spread");

  private final int code;
  private final String description;

  Rejection(final int code, final String description) {
    this.code = code;
    this.description = description;
  }

  public int code() {
    return code;
  }

  public String description() {
    return description;
  }
}
