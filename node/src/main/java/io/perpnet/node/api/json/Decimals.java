package io.perpnet.node.api.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Decimal strings in human units to and from the fixed-point integers of the chain, exactly:
 * {@code "0.015"} BTC with 8 decimals is 1,500,000 base units; {@code "101234.5"} USDC with 6 is
 * 101,234,500,000. A string with more places than the unit has, an exponent, a sign where none is
 * allowed, or a value beyond a signed 64-bit integer is refused: nothing is rounded silently.
 */
public final class Decimals {
  private static final Pattern PLAIN = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
  private static final int MAX_LENGTH = 40;

  private Decimals() {}

  /** The exact integer of {@code text} at {@code decimals}; an {@link IllegalArgumentException} says why not. */
  public static long toUnits(final String text, final int decimals, final boolean negativeAllowed) {
    if (text.length() > MAX_LENGTH || !PLAIN.matcher(text).matches()) {
      throw new IllegalArgumentException("\"" + abbreviate(text) + "\" is not a plain decimal string such as \"0.015\"");
    }
    final BigDecimal d = new BigDecimal(text);
    if (d.signum() < 0 && !negativeAllowed) {
      throw new IllegalArgumentException("must not be negative");
    }
    final BigDecimal shifted = d.movePointRight(decimals);
    if (shifted.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("\"" + text + "\" has more than " + decimals + " decimal places");
    }
    final BigInteger units = shifted.toBigIntegerExact();
    if (units.bitLength() > 63) {
      throw new IllegalArgumentException("\"" + text + "\" is too large");
    }
    return units.longValueExact();
  }

  /** The decimal string of {@code units} at {@code decimals}, without trailing zeros ("0.015", "67000"). */
  public static String fromUnits(final long units, final int decimals) {
    final BigDecimal d = BigDecimal.valueOf(units, decimals).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  private static String abbreviate(final String s) {
    return s.length() > 20 ? s.substring(0, 20) + "..." : s;
  }
}
