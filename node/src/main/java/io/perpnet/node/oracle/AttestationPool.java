package io.perpnet.node.oracle;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.EscrowAccounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The newest valid attestation of each oracle in each market, from gossip and our own: what a
 * post_prices can be made of. Only what passed validation is added. Thread-safe (gossip adds on
 * the network thread, the poster reads on its own).
 */
public final class AttestationPool {
  /** A margin before an attestation's expiry and staleness limit: a transaction takes time to land. */
  static final long LANDING_MARGIN_MS = 2_000;
  private final Map<Integer, Map<Ed25519PublicKey, Signed<PriceAttestation>>> newest = new HashMap<>();

  /** Keeps {@code a} if it is its oracle's newest in its market; true if kept. */
  public synchronized boolean add(final Signed<PriceAttestation> a) {
    final PriceAttestation p = a.payload();
    final Map<Ed25519PublicKey, Signed<PriceAttestation>> byOracle = newest.computeIfAbsent(p.header().market(),
        m -> new HashMap<>());
    final Signed<PriceAttestation> held = byOracle.get(p.oracle());
    if (held != null && held.payload().publishTimeMs() >= p.publishTimeMs()) {
      return false;
    }
    byOracle.put(p.oracle(), a);
    return true;
  }

  /**
   * The attestations post_prices would accept now for {@code market}: one per oracle of the set,
   * newer than that oracle's slot on chain, unexpired and within the staleness window with a
   * margin for landing. In the set's order.
   */
  public synchronized List<Signed<PriceAttestation>> postable(final int market, final OracleSet set,
      final EscrowAccounts.Market onChain, final long nowMs) {
    final Map<Ed25519PublicKey, Signed<PriceAttestation>> byOracle = newest.getOrDefault(market, Map.of());
    final boolean sameEpoch = onChain.oracleEpoch() == set.epoch();
    final List<Signed<PriceAttestation>> out = new ArrayList<>();
    for (int i = 0; i < set.oracles().size(); i++) {
      final Signed<PriceAttestation> a = byOracle.get(set.oracles().get(i));
      if (a == null) {
        continue;
      }
      final PriceAttestation p = a.payload();
      final long slotTime = sameEpoch && i < onChain.oracleSlots().size() ? onChain.oracleSlots().get(i).publishTimeMs() : 0;
      if (p.publishTimeMs() > slotTime && nowMs + LANDING_MARGIN_MS < p.header().expiryMs()
          && nowMs - p.publishTimeMs() + LANDING_MARGIN_MS <= onChain.config().maxStalenessMs()
          && p.publishTimeMs() - nowMs <= OracleSet.MAX_FUTURE_SKEW_MS) {
        out.add(a);
      }
    }
    return out;
  }

  /** Every oracle's newest attestation in {@code market}, whatever its age (for the API and tests). */
  public synchronized List<Signed<PriceAttestation>> newest(final int market) {
    return List.copyOf(newest.getOrDefault(market, Map.of()).values());
  }
}
