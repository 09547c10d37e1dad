package io.perpnet.sdk.agents;

import java.math.BigDecimal;
import java.util.List;

/**
 * The example trader's parameters.
 *
 * @param notional USDC per trade (the node sizes it at the oracle price)
 * @param intervalMs how often it looks: closes what it held long enough, opens when below maxOpen
 * @param holdMs how long it holds a position before closing it at mark
 * @param stopLossBps the stop-loss, this far from the entry against it (0: none)
 * @param takeProfitBps the take-profit, this far in its favour (0: none)
 * @param seed its coin for markets and sides (a seed gives the same sequence)
 */
public record TraderParams(String name, List<String> markets, BigDecimal notional, int leverage, long intervalMs,
    long holdMs, int stopLossBps, int takeProfitBps, int maxOpen, long seed) {
  public TraderParams {
    markets = List.copyOf(markets);
    if (markets.isEmpty() || notional.signum() <= 0 || leverage < 1 || intervalMs <= 0 || maxOpen < 1) {
      throw new IllegalArgumentException("a trader needs markets, a positive notional, leverage, interval and maxOpen");
    }
  }

  /** $100 at 5x on BTC and ETH every 5 s, held 30 s, stop 2%, take-profit 3%, two at a time. */
  public static TraderParams defaults() {
    return new TraderParams("trader", List.of("BTC-PERP", "ETH-PERP"), new BigDecimal("100"), 5, 5_000, 30_000, 200,
        300, 2, 1);
  }

  public TraderParams with(final List<String> m, final BigDecimal n, final int lev, final long interval,
      final long hold, final int sl, final int tp, final int max, final long s) {
    return new TraderParams(name, m, n, lev, interval, hold, sl, tp, max, s);
  }
}
