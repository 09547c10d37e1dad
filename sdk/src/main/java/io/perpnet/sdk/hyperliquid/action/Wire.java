package io.perpnet.sdk.hyperliquid.action;

import java.math.BigDecimal;

/**
 * Prices and sizes as Hyperliquid's wire carries them: plain decimal strings with at most 8
 * decimals and no trailing zeros ("1670.1", "0.0147", "100"), as the official SDK's
 * {@code float_to_wire} writes them. A value with more decimals is refused, never rounded here:
 * rounding to the asset's tick and lot is {@link Rounding}'s, and explicit.
 */
public final class Wire {
  public static final int MAX_DECIMALS = 8;

  private Wire() {}

  public static String decimal(final BigDecimal v) {
    final BigDecimal n = v.stripTrailingZeros();
    if (n.scale() > MAX_DECIMALS) {
      throw new IllegalArgumentException(v.toPlainString() + " has more than " + MAX_DECIMALS
          + " decimals: round it to the asset's tick or lot first");
    }
    return n.signum() == 0 ? "0" : n.toPlainString();
  }
}
