package io.perpnet.consensus.market;

/**
 * What the off-chain rules need to know of a market; the escrow's market account is the
 * authority, nodes mirror it.
 *
 * @param id the market id that every signed message carries (u32)
 * @param symbol e.g. "BTC-PERP"
 * @param baseDecimals decimals of the base asset's size unit (BTC 8, ETH 9, SOL 9)
 * @param maxLeverage the largest leverage the market allows (whole multiples)
 */
public record MarketParams(int id, String symbol, int baseDecimals, int maxLeverage) {
  public MarketParams {
    if (baseDecimals < 0 || baseDecimals > 18) {
      throw new IllegalArgumentException("baseDecimals must be within 0..18");
    }
    if (maxLeverage < 1 || maxLeverage > 0xFFFF) {
      throw new IllegalArgumentException("maxLeverage must be within 1..65535");
    }
  }

  /** The defaults from the design: BTC-PERP and ETH-PERP up to 50x, SOL-PERP up to 30x. */
  public static final MarketParams BTC_PERP = new MarketParams(1, "BTC-PERP", 8, 50);
  public static final MarketParams ETH_PERP = new MarketParams(2, "ETH-PERP", 9, 50);
  public static final MarketParams SOL_PERP = new MarketParams(3, "SOL-PERP", 9, 30);
}
