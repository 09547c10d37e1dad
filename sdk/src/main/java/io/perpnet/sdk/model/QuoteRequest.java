package io.perpnet.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The body of {@code POST /v1/quotes}: a maker's answer to a trade request. Null fields take the
 * node's defaults: the intent's whole size, no funding, the agent's maximum leverage, 10 s.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuoteRequest(String intentId, BigDecimal price, BigDecimal size, Integer fundingPpm, Integer leverage,
    Long lifetimeMs) {
  public QuoteRequest {
    Objects.requireNonNull(intentId, "intentId");
    Objects.requireNonNull(price, "price");
  }

  public static QuoteRequest of(final String intentId, final BigDecimal price) {
    return new QuoteRequest(intentId, price, null, null, null, null);
  }
}
