package io.perpnet.consensus.oracle;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import java.util.Set;

/**
 * The oracle set of a market and how its attestations combine (mirrors the escrow's config).
 *
 * @param signers the n oracle keys
 * @param threshold k: the least number of valid attestations that make a price
 * @param maxStalenessMs an attestation older than this (now - publishTime) is refused
 * @param maxFutureSkewMs an attestation dated more than this ahead of now is refused
 * @param maxSpreadBps the largest (max - min) / median of the attested prices, in basis points
 */
public record OracleConfig(
    Set<Ed25519PublicKey> signers, int threshold, long maxStalenessMs, long maxFutureSkewMs, int maxSpreadBps) {
  public OracleConfig {
    signers = Set.copyOf(signers);
    if (threshold < 1 || threshold > signers.size()) {
      throw new IllegalArgumentException("threshold must be within 1.." + signers.size());
    }
    if (maxStalenessMs < 0 || maxFutureSkewMs < 0 || maxSpreadBps < 0) {
      throw new IllegalArgumentException("windows and spread must not be negative");
    }
  }
}
