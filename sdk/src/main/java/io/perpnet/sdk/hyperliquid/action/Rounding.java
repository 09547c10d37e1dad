package io.perpnet.sdk.hyperliquid.action;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Hyperliquid's tick and lot rules for perpetuals, applied explicitly (the caller names the
 * rounding direction; nothing is rounded behind its back): a size has at most the asset's
 * {@code szDecimals} (from {@code meta}); a price at most {@value #MAX_SIGNIFICANT} significant
 * figures and at most {@code 6 - szDecimals} decimals, an integer price always being allowed.
 */
public final class Rounding {
  public static final int MAX_PERP_DECIMALS = 6;
  public static final int MAX_SIGNIFICANT = 5;

  private Rounding() {}

  public static BigDecimal size(final BigDecimal size, final int szDecimals, final RoundingMode mode) {
    return plain(size.setScale(szDecimals, mode));
  }

  public static BigDecimal price(final BigDecimal price, final int szDecimals, final RoundingMode mode) {
    if (validPrice(price, szDecimals)) {
      return plain(price);
    }
    if (price.abs().compareTo(BigDecimal.TEN.pow(MAX_SIGNIFICANT)) >= 0) {
      return price.setScale(0, mode); // more than 5 integer figures: an integer, always allowed
    }
    final BigDecimal significant = price.round(new MathContext(MAX_SIGNIFICANT, mode));
    return plain(significant.setScale(Math.min(significant.scale(), MAX_PERP_DECIMALS - szDecimals), mode));
  }

  /** Without trailing zeros, and never in exponent form (70050, not 7.005E+4). */
  private static BigDecimal plain(final BigDecimal v) {
    final BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /** Whether the exchange takes {@code price} as it is for an asset of {@code szDecimals}. */
  public static boolean validPrice(final BigDecimal price, final int szDecimals) {
    final BigDecimal p = price.stripTrailingZeros();
    if (p.scale() <= 0) {
      return true; // an integer price, whatever its figures
    }
    return p.precision() <= MAX_SIGNIFICANT && p.scale() <= MAX_PERP_DECIMALS - szDecimals;
  }
}
