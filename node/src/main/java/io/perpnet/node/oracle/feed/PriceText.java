package io.perpnet.node.oracle.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exchange prices as decimal text to our 6-decimal fixed point. Exchanges quote with as many
 * decimals as they like; a price is rounded half-even to 6 decimals, explicitly. Anything that is
 * not a plain positive decimal below {@link #MAX_PRICE} is refused as MALFORMED.
 */
final class PriceText {
  /** 10^12 USDC per base unit: far above any real price, far below the u64 range. */
  static final long MAX_PRICE = 1_000_000_000_000L * 1_000_000L;
  private static final int MAX_LENGTH = 40;

  private PriceText() {}

  static long parse(final String text, final String what) throws FeedException {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH || !text.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new FeedException(FeedException.Reason.MALFORMED, what + " is not a plain decimal: "
          + (text == null ? "missing" : "'" + (text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text) + "'"));
    }
    final BigDecimal units = new BigDecimal(text).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN);
    if (units.signum() <= 0 || units.compareTo(BigDecimal.valueOf(MAX_PRICE)) > 0) {
      throw new FeedException(FeedException.Reason.MALFORMED, what + " " + text + " is zero or absurd");
    }
    return units.longValueExact();
  }
}
