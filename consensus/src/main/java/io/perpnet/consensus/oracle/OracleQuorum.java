package io.perpnet.consensus.oracle;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.fixed.FixedPoint;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The oracle quorum: the median of k-of-n valid attestations, one per signer, within a staleness
 * window and a maximum spread. The escrow's post_prices applies the same rule; a submission with
 * any invalid attestation is refused whole (submitters drop bad ones first), so both sides agree.
 *
 * <p>Median of an odd count: the middle price. Of an even count: the mean of the two middle
 * prices, rounded down. Spread check: (max - min) x 10,000 <= maxSpreadBps x median, computed
 * with a 128-bit intermediate.
 */
public final class OracleQuorum {
  private OracleQuorum() {}

  /** A price the quorum agrees on. */
  public record QuorumPrice(long price, int attestations, long oldestPublishTimeMs) {}

  public static QuorumPrice aggregate(
      final List<Signed<PriceAttestation>> attestations,
      final OracleConfig config,
      final Bytes32 program,
      final int market,
      final long nowMs) throws RejectedException {
    final Set<Ed25519PublicKey> seen = new HashSet<>();
    final long[] prices = new long[attestations.size()];
    long oldest = Long.MAX_VALUE;
    int n = 0;
    for (final Signed<PriceAttestation> signed : attestations) {
      final PriceAttestation a = signed.payload();
      if (!a.header().program().equals(program)) {
        throw new RejectedException(Rejection.WRONG_PROGRAM, "attestation for program " + a.header().program());
      }
      if (a.header().market() != market) {
        throw new RejectedException(Rejection.CONTEXT_MISMATCH, "attestation for market " + a.header().market());
      }
      if (!config.signers().contains(a.oracle())) {
        throw new RejectedException(Rejection.UNKNOWN_ORACLE, a.oracle().toAddress());
      }
      if (!seen.add(a.oracle())) {
        throw new RejectedException(Rejection.DUPLICATE_ORACLE, a.oracle().toAddress());
      }
      if (nowMs >= a.header().expiryMs()) {
        throw new RejectedException(Rejection.EXPIRED, "attestation expired at " + a.header().expiryMs());
      }
      if (a.publishTimeMs() > nowMs && a.publishTimeMs() - nowMs > config.maxFutureSkewMs()) {
        throw new RejectedException(Rejection.FUTURE_PRICE, "published at " + a.publishTimeMs() + ", now " + nowMs);
      }
      if (a.publishTimeMs() < nowMs && nowMs - a.publishTimeMs() > config.maxStalenessMs()) {
        throw new RejectedException(Rejection.STALE_PRICE, "published at " + a.publishTimeMs() + ", now " + nowMs);
      }
      if (a.price() <= 0) {
        throw new RejectedException(Rejection.ZERO_PRICE, "attested price is zero");
      }
      if (!signed.verify()) {
        throw new RejectedException(Rejection.BAD_SIGNATURE, "attestation by " + a.oracle().toAddress());
      }
      prices[n++] = a.price();
      oldest = Math.min(oldest, a.publishTimeMs());
    }
    if (n < config.threshold()) {
      throw new RejectedException(Rejection.INSUFFICIENT_QUORUM, n + " of " + config.threshold() + " needed");
    }
    Arrays.sort(prices, 0, n);
    final long median = n % 2 == 1
        ? prices[n / 2]
        : prices[n / 2 - 1] + (prices[n / 2] - prices[n / 2 - 1]) / 2;
    final long spread = prices[n - 1] - prices[0];
    // spread * 10,000 > maxSpreadBps * median  <=>  spread * 10,000 / median > maxSpreadBps (exactly, no overflow)
    if (FixedPoint.mulDiv(spread, FixedPoint.BPS, median, FixedPoint.Rounding.UP) > config.maxSpreadBps()) {
      throw new RejectedException(Rejection.SPREAD_TOO_WIDE,
          "prices " + prices[0] + ".." + prices[n - 1] + " around " + median);
    }
    return new QuorumPrice(median, n, oldest);
  }
}
