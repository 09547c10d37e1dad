package io.perpnet.escrow.client;

import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What post_prices must answer for a submission of attestations in a given order, from the
 * market's oracle slots read just before: each attestation newer than its oracle's slot and no
 * oracle twice, then the median of every fresh slot (at least k, within the spread). Every
 * attestation here is for the right program, market and oracle set, and unexpired unless it is a
 * replay, which is never newer than its slot. Near the staleness limit the chain's clock decides,
 * so there the model allows the refusals that limit could cause and predicts no mark.
 */
final class OracleModel {
  private static final long AMBIGUOUS_MS = 10_000;

  /** The answer, and the mark the program must then store (0 when the model cannot tell). */
  record Prediction(Expected expected, long mark) {}

  private OracleModel() {}

  /** From the market and the config as they were before the submission; {@code nowMs} the wall clock. */
  static Prediction predict(final EscrowAccounts.Market market, final EscrowAccounts.Config config,
      final List<Signed<PriceAttestation>> submission, final long nowMs) {
    final long staleness = market.config().maxStalenessMs();
    final List<org.p2p.solanaj.core.PublicKey> oracles = config.oracles();
    final int threshold = config.oracleThreshold();
    final boolean sameSet = market.oracleEpoch() == config.oracleEpoch(); // else the program empties the slots
    final long[] prices = new long[oracles.size()];
    final long[] times = new long[oracles.size()];
    for (int i = 0; i < oracles.size() && sameSet; i++) {
      prices[i] = market.oracleSlots().get(i).price();
      times[i] = market.oracleSlots().get(i).publishTimeMs();
    }
    final boolean[] seen = new boolean[oracles.size()];
    for (final Signed<PriceAttestation> s : submission) {
      final PriceAttestation a = s.payload();
      final int i = oracles.indexOf(new org.p2p.solanaj.core.PublicKey(a.oracle().bytes()));
      if (nowMs - a.publishTimeMs() > staleness - AMBIGUOUS_MS) {
        return new Prediction(Expected.refused(EscrowError.STALE_PRICE), 0); // a replay: stale or not newer
      }
      if (seen[i]) {
        return new Prediction(Expected.refused(EscrowError.DUPLICATE_ORACLE), 0);
      }
      if (a.publishTimeMs() <= times[i]) {
        return new Prediction(Expected.refused(EscrowError.STALE_PRICE), 0);
      }
      seen[i] = true;
      prices[i] = a.price();
      times[i] = a.publishTimeMs();
    }
    final List<Long> fresh = new ArrayList<>();
    boolean ambiguous = false;
    for (int i = 0; i < oracles.size(); i++) {
      final long age = nowMs - times[i];
      if (times[i] == 0 || age > staleness + AMBIGUOUS_MS) {
        continue;
      }
      ambiguous |= age > staleness - AMBIGUOUS_MS;
      fresh.add(prices[i]);
    }
    if (ambiguous) {
      return new Prediction(Expected.ok().or(EscrowError.INSUFFICIENT_QUORUM).or(EscrowError.SPREAD_TOO_WIDE), 0);
    }
    if (fresh.size() < threshold) {
      return new Prediction(Expected.refused(EscrowError.INSUFFICIENT_QUORUM), 0);
    }
    final long[] sorted = fresh.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    final int n = sorted.length;
    final long lo = sorted[(n - 1) / 2];
    final long hi = sorted[n / 2];
    final long median = lo + (hi - lo) / 2;
    final BigInteger spread = BigInteger.valueOf(sorted[n - 1] - sorted[0]).multiply(BigInteger.valueOf(10_000));
    if (spread.compareTo(BigInteger.valueOf(market.config().maxOracleSpreadBps()).multiply(BigInteger.valueOf(median))) > 0) {
      return new Prediction(Expected.refused(EscrowError.SPREAD_TOO_WIDE), 0);
    }
    return new Prediction(Expected.ok(), median);
  }
}
