package io.perpnet.sdk.agents;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A maker's price arithmetic, exact in decimals: a trader who buys (long) pays the ask, one who
 * sells gets the bid; each is {@code halfSpreadBps} from the reference, shifted by the skew, and
 * rounded to the API's 6 places in the maker's favour.
 */
public final class Pricing {
  static final BigDecimal TEN_K = BigDecimal.valueOf(10_000);
  public static final int PRICE_PLACES = 6;

  private Pricing() {}

  /**
   * @param traderLong the trader buys
   * @param skewBps moves both sides by this many bps (negative: cheaper, to shed a long inventory)
   */
  public static BigDecimal quote(final BigDecimal reference, final boolean traderLong, final BigDecimal halfSpreadBps,
      final BigDecimal skewBps) {
    final BigDecimal bps = (traderLong ? halfSpreadBps : halfSpreadBps.negate()).add(skewBps);
    return reference.multiply(TEN_K.add(bps)).divide(TEN_K, PRICE_PLACES,
        traderLong ? RoundingMode.CEILING : RoundingMode.FLOOR);
  }

  /** Base units of {@code notional} at {@code price}, rounded down to the market's decimals. */
  public static BigDecimal size(final BigDecimal notional, final BigDecimal price, final int baseDecimals) {
    return notional.divide(price, baseDecimals, RoundingMode.FLOOR);
  }

  /** How far {@code price} is from {@code reference}, in bps (absolute). */
  public static BigDecimal distanceBps(final BigDecimal price, final BigDecimal reference) {
    return price.subtract(reference).abs().multiply(TEN_K).divide(reference, 4, RoundingMode.HALF_UP);
  }
}
