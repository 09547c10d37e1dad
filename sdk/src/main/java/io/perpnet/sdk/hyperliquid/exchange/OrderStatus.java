package io.perpnet.sdk.hyperliquid.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** How the exchange answered one order of an action (each order has its own status). */
public sealed interface OrderStatus {
  /** On the book. */
  record Resting(long oid) implements OrderStatus {}

  /** Filled at once (an IOC, or a limit that crossed): {@code totalSz} at {@code avgPx}. */
  record Filled(long oid, BigDecimal totalSz, BigDecimal avgPx) implements OrderStatus {}

  /** Refused, with the exchange's own words ("Order must have minimum value of $10.", ...). */
  record Rejected(String message) implements OrderStatus {}

  /** A bare status: "success" (a cancel), "waitingForFill" or "waitingForTrigger" (a tp/sl child). */
  record Other(String status) implements OrderStatus {}

  static OrderStatus of(final JsonNode s) {
    if (s.isTextual()) {
      return new Other(s.asText());
    }
    if (s.has("resting")) {
      return new Resting(s.path("resting").path("oid").asLong());
    }
    if (s.has("filled")) {
      final JsonNode f = s.path("filled");
      return new Filled(f.path("oid").asLong(), new BigDecimal(f.path("totalSz").asText()),
          new BigDecimal(f.path("avgPx").asText()));
    }
    if (s.has("error")) {
      return new Rejected(s.path("error").asText());
    }
    return new Other(s.toString());
  }
}
