package io.perpnet.consensus.fixed;

import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import java.math.BigInteger;

/**
 * The protocol's fixed-point conventions and its checked arithmetic.
 *
 * <table>
 *   <caption>units</caption>
 *   <tr><th>quantity</th><th>unit</th><th>type</th></tr>
 *   <tr><td>USDC amounts (margin, fees, PnL)</td><td>10^-6 USDC (USDC's own base unit)</td><td>u64</td></tr>
 *   <tr><td>price</td><td>10^-6 USDC per one whole base asset (e.g. per 1 BTC)</td><td>u64</td></tr>
 *   <tr><td>size</td><td>base units: 10^-baseDecimals of the asset (per market, e.g. 8 for BTC)</td><td>u64</td></tr>
 *   <tr><td>leverage</td><td>whole multiples (1 = 1x)</td><td>u16</td></tr>
 *   <tr><td>funding rate</td><td>parts per million of notional per 8 hours; positive: trader pays maker</td><td>i32</td></tr>
 *   <tr><td>fee and margin ratios</td><td>basis points (1/10,000)</td><td>u16/u32</td></tr>
 *   <tr><td>time</td><td>unix milliseconds</td><td>u64</td></tr>
 * </table>
 *
 * <p>Every u64 quantity is limited to 2^63 - 1 so Java's long holds it exactly; decoders reject
 * larger values. Products that can exceed 64 bits (size x price) use a 128-bit intermediate.
 * Rounding always favours the protocol: what a party must post or pay is rounded up, what it
 * receives is rounded down.
 */
public final class FixedPoint {
  public static final int USDC_DECIMALS = 6;
  public static final int PRICE_DECIMALS = 6;
  public static final long BPS = 10_000L;
  public static final long PPM = 1_000_000L;
  public static final long FUNDING_PERIOD_MS = 8L * 60 * 60 * 1000;
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private FixedPoint() {}

  /** Rounding of a division that does not come out even. */
  public enum Rounding { DOWN, UP }

  public static long pow10(final int exponent) {
    if (exponent < 0 || exponent >= POW10.length) {
      throw new IllegalArgumentException("10^" + exponent + " does not fit in 63 bits");
    }
    return POW10[exponent];
  }

  /**
   * {@code a * b / divisor} for non-negative operands with a 128-bit intermediate product.
   *
   * @throws RejectedException ARITHMETIC_OVERFLOW if the result exceeds 2^63 - 1
   */
  public static long mulDiv(final long a, final long b, final long divisor, final Rounding rounding)
      throws RejectedException {
    if (a < 0 || b < 0 || divisor <= 0) {
      throw new IllegalArgumentException("mulDiv takes non-negative operands and a positive divisor");
    }
    final long high = Math.multiplyHigh(a, b);
    final long low = a * b;
    if (high == 0 && low >= 0) {
      final long quotient = low / divisor;
      final long remainder = low % divisor;
      return rounding == Rounding.UP && remainder != 0 ? checkedIncrement(quotient) : quotient;
    }
    final BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
        .divideAndRemainder(BigInteger.valueOf(divisor));
    BigInteger quotient = qr[0];
    if (rounding == Rounding.UP && qr[1].signum() != 0) {
      quotient = quotient.add(BigInteger.ONE);
    }
    if (quotient.bitLength() > 63) {
      throw new RejectedException(Rejection.ARITHMETIC_OVERFLOW, a + " * " + b + " / " + divisor);
    }
    return quotient.longValue();
  }

  /** Notional in USDC base units of {@code size} base units at {@code price}, rounded up. */
  public static long notional(final long size, final long price, final int baseDecimals) throws RejectedException {
    return mulDiv(size, price, pow10(baseDecimals), Rounding.UP);
  }

  /** Margin a side posts: notional / leverage, rounded up. */
  public static long margin(final long notional, final int leverage) throws RejectedException {
    if (leverage <= 0) {
      throw new RejectedException(Rejection.LEVERAGE_OUT_OF_RANGE, "leverage " + leverage);
    }
    return mulDiv(notional, 1, leverage, Rounding.UP);
  }

  /** A fee of {@code bps} basis points on {@code notional}, rounded up. */
  public static long fee(final long notional, final int bps) throws RejectedException {
    return mulDiv(notional, bps, BPS, Rounding.UP);
  }

  public static long checkedAdd(final long a, final long b) throws RejectedException {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new RejectedException(Rejection.ARITHMETIC_OVERFLOW, a + " + " + b);
    }
  }

  private static long checkedIncrement(final long v) throws RejectedException {
    return checkedAdd(v, 1);
  }
}
