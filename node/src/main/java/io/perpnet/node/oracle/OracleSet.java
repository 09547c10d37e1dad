package io.perpnet.node.oracle;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.oracle.OracleConfig;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import java.util.HashSet;
import java.util.List;

/**
 * The chain's oracle set as the escrow's config holds it: the n keys in their order (slot i of a
 * market belongs to oracle i), the threshold k and the epoch (raised by every set_oracles).
 */
public record OracleSet(List<Ed25519PublicKey> oracles, int threshold, long epoch) {
  /** post_prices accepts a publish time at most this far ahead of its clock. */
  public static final long MAX_FUTURE_SKEW_MS = 2_000;

  public OracleSet {
    oracles = List.copyOf(oracles);
  }

  public static OracleSet of(final EscrowAccounts.Config config) {
    return new OracleSet(config.oracles().stream().map(k -> Ed25519PublicKey.of(k.toByteArray())).toList(),
        config.oracleThreshold(), config.oracleEpoch());
  }

  /** The oracle's index in the set, or -1. */
  public int indexOf(final Ed25519PublicKey oracle) {
    return oracles.indexOf(oracle);
  }

  public boolean contains(final Ed25519PublicKey oracle) {
    return oracles.contains(oracle);
  }

  /** The consensus rule's view of this set for one market: its staleness window and spread. */
  public OracleConfig rule(final MarketConfig market) {
    return new OracleConfig(new HashSet<>(oracles), Math.max(1, threshold), market.maxStalenessMs(), MAX_FUTURE_SKEW_MS,
        market.maxOracleSpreadBps());
  }
}
