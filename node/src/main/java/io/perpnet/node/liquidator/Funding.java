package io.perpnet.node.liquidator;

import io.perpnet.consensus.fixed.FixedPoint;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import java.math.BigInteger;

/**
 * The funding a position has accrued and not settled, by the program's settle rule
 * (positions.c, accrue_funding): {@code rate} = the position's ppm per 8 h clamped to the
 * market's cap (positive: the trader pays), {@code amount = floor(floor(ceil(size x mark / 10^d)
 * x |rate| / 10^6) x elapsed ms / 28,800,000)}, at most the payer's margin in the position
 * (beyond 64 bits: all of it). Exact; unsigned as on chain.
 *
 * @param paid what moves from the payer's margin to the receiver's
 * @param traderPays the direction (rate above zero)
 */
public record Funding(BigInteger paid, boolean traderPays) {
  static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);
  private static final BigInteger PERIOD = BigInteger.valueOf(FixedPoint.FUNDING_PERIOD_MS);

  public static Funding accrued(final EscrowAccounts.Position p, final BigInteger notionalAtMark, final MarketConfig m,
      final long nowMs) {
    final boolean traderPays = p.fundingPpm() > 0;
    if (Long.compareUnsigned(nowMs, p.fundedUntilMs()) <= 0) {
      return new Funding(BigInteger.ZERO, traderPays);
    }
    final BigInteger magnitude = BigInteger.valueOf(Math.min(Math.abs((long) p.fundingPpm()),
        Integer.toUnsignedLong(m.fundingCapPpm())));
    BigInteger amount = U64_MAX;
    if (notionalAtMark.compareTo(U64_MAX) <= 0) {
      final BigInteger perPeriod = notionalAtMark.multiply(magnitude).divide(MILLION);
      final BigInteger a = perPeriod.multiply(u64(nowMs - p.fundedUntilMs())).divide(PERIOD);
      if (perPeriod.compareTo(U64_MAX) <= 0 && a.compareTo(U64_MAX) <= 0) {
        amount = a;
      }
    }
    return new Funding(amount.min(u64(traderPays ? p.traderMargin() : p.makerMargin())), traderPays);
  }

  /** The accrued funding of {@code p} at {@code mark}, USDC base units (clamped to a long). */
  public static long accrued(final EscrowAccounts.Position p, final long mark, final MarketConfig m, final long nowMs) {
    final BigInteger notional = ceil(u64(p.size()).multiply(u64(mark)), BigInteger.TEN.pow(m.baseDecimals()));
    return accrued(p, notional, m, nowMs).paid().min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }

  static BigInteger u64(final long v) {
    return v >= 0 ? BigInteger.valueOf(v) : new BigInteger(Long.toUnsignedString(v));
  }

  static BigInteger ceil(final BigInteger a, final BigInteger b) {
    final BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
  }
}
