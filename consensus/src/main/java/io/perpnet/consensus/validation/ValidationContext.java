package io.perpnet.consensus.validation;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.market.MarketParams;
import java.util.Map;
import java.util.Objects;

/**
 * What a validator checks messages against.
 *
 * @param program the escrow program id this network uses
 * @param markets the markets this node knows, by id
 * @param maxLifetimeMs how far ahead of now an expiry may lie (bounds how long nonces are kept)
 * @param nonces the replay registry
 */
public record ValidationContext(
    Bytes32 program, Map<Integer, MarketParams> markets, long maxLifetimeMs, NonceRegistry nonces) {
  /** One day: long enough for any quote, short enough to bound the nonce store. */
  public static final long DEFAULT_MAX_LIFETIME_MS = 24L * 60 * 60 * 1000;

  public ValidationContext {
    Objects.requireNonNull(program, "program");
    markets = Map.copyOf(markets);
    Objects.requireNonNull(nonces, "nonces");
    if (maxLifetimeMs <= 0) {
      throw new IllegalArgumentException("maxLifetimeMs must be positive");
    }
  }
}
