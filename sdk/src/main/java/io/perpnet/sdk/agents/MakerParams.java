package io.perpnet.sdk.agents;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A spread maker's parameters.
 *
 * @param spreadBps the full width between bid and ask (each side is half of it from the reference)
 * @param maxLeverage the maker's own leverage, at most (and at most half the market's)
 * @param maxNotional the most USDC one quote covers; a larger intent gets a smaller quote
 * @param markets the markets quoted (empty: all)
 * @param skewBps how far both sides move against a full inventory (0: no skew)
 * @param maxInventoryNotional the net notional beyond which the maker stops adding to it
 * @param maxDeviationBps never quote farther than this from the reference (the markets' price band is 1% at 50x)
 */
public record MakerParams(String name, int spreadBps, int maxLeverage, BigDecimal maxNotional, Set<String> markets,
    int skewBps, BigDecimal maxInventoryNotional, int maxDeviationBps, int fundingPpm, long quoteLifetimeMs) {

  public MakerParams {
    if (spreadBps < 0 || spreadBps > 2 * maxDeviationBps) {
      throw new IllegalArgumentException("spreadBps must be within 0.." + 2 * maxDeviationBps);
    }
    if (maxLeverage < 1 || maxNotional.signum() <= 0 || maxInventoryNotional.signum() <= 0) {
      throw new IllegalArgumentException("leverage, notional and inventory limits must be positive");
    }
    markets = Set.copyOf(markets);
  }

  public static MakerParams conservative() {
    return new MakerParams("conservative-maker", 160, 20, new BigDecimal("5000"), Set.of("BTC-PERP", "ETH-PERP"), 0,
        new BigDecimal("250000"), 90, 0, 10_000);
  }

  public static MakerParams aggressive() {
    return new MakerParams("aggressive-maker", 30, 25, new BigDecimal("50000"), Set.of(), 10,
        new BigDecimal("1000000"), 90, 0, 10_000);
  }

  public MakerParams withSpreadBps(final int v) {
    return new MakerParams(name, v, maxLeverage, maxNotional, markets, skewBps, maxInventoryNotional, maxDeviationBps,
        fundingPpm, quoteLifetimeMs);
  }

  public MakerParams withMaxLeverage(final int v) {
    return new MakerParams(name, spreadBps, v, maxNotional, markets, skewBps, maxInventoryNotional, maxDeviationBps,
        fundingPpm, quoteLifetimeMs);
  }

  public MakerParams withMaxNotional(final BigDecimal v) {
    return new MakerParams(name, spreadBps, maxLeverage, v, markets, skewBps, maxInventoryNotional, maxDeviationBps,
        fundingPpm, quoteLifetimeMs);
  }

  public MakerParams withMarkets(final Set<String> v) {
    return new MakerParams(name, spreadBps, maxLeverage, maxNotional, v, skewBps, maxInventoryNotional, maxDeviationBps,
        fundingPpm, quoteLifetimeMs);
  }

  public MakerParams withSkewBps(final int v) {
    return new MakerParams(name, spreadBps, maxLeverage, maxNotional, markets, v, maxInventoryNotional, maxDeviationBps,
        fundingPpm, quoteLifetimeMs);
  }

  public MakerParams withName(final String v) {
    return new MakerParams(v, spreadBps, maxLeverage, maxNotional, markets, skewBps, maxInventoryNotional,
        maxDeviationBps, fundingPpm, quoteLifetimeMs);
  }
}
