package io.perpnet.sdk.strategy;

import java.math.BigDecimal;
import java.util.Objects;

/** A maker's answer to one trade request: an offer with its terms, or a pass with the reason (logged). */
public sealed interface QuoteDecision {
  /** Why, in a few words, for the agent's log. */
  String why();

  static Offer offer(final BigDecimal price, final String why) {
    return new Offer(price, null, 0, null, 10_000, why);
  }

  static Pass pass(final String why) {
    return new Pass(why);
  }

  /**
   * Quote at {@code price} (USDC); {@code size} null quotes the intent's whole size; {@code leverage}
   * null takes the agent's maximum.
   */
  record Offer(BigDecimal price, BigDecimal size, int fundingPpm, Integer leverage, long lifetimeMs, String why)
      implements QuoteDecision {
    public Offer {
      Objects.requireNonNull(price, "price");
    }

    public Offer withSize(final BigDecimal v) {
      return new Offer(price, v, fundingPpm, leverage, lifetimeMs, why);
    }

    public Offer withLeverage(final int v) {
      return new Offer(price, size, fundingPpm, v, lifetimeMs, why);
    }

    public Offer withFundingPpm(final int v) {
      return new Offer(price, size, v, leverage, lifetimeMs, why);
    }

    public Offer withLifetimeMs(final long v) {
      return new Offer(price, size, fundingPpm, leverage, v, why);
    }
  }

  record Pass(String why) implements QuoteDecision {}
}
