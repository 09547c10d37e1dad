package io.perpnet.node.rfq;

import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Signed;
import java.util.Optional;

/** What a maker answers to an intent: a quote's terms, or nothing. Called on the maker engine's thread. */
@FunctionalInterface
public interface QuotingStrategy {
  /**
   * @param price the maker's reference price for the market (the oracle's), 6 decimals
   * @param size base units to quote (at most the intent's)
   * @param fundingPpm funding per 8 h the maker charges
   * @param leverage the maker's own leverage
   * @param lifetimeMs how long the quote stands
   */
  record Terms(long price, long size, int fundingPpm, int leverage, long lifetimeMs) {}

  Optional<Terms> quote(Signed<Intent> intent, long referencePrice);
}
