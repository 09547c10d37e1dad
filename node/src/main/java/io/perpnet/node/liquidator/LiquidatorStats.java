package io.perpnet.node.liquidator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the liquidator did: attempts sent, won (landed), lost (another liquidator or a close came
 * first: NOT_LIQUIDATABLE or POSITION_CLOSED, found by the simulation before anything was paid or
 * by the transaction itself), failed otherwise, skipped because the market's price was stale,
 * and the rewards of the wins by the program's formula (USDC base units).
 */
public final class LiquidatorStats {
  final AtomicLong attempts = new AtomicLong();
  final AtomicLong wins = new AtomicLong();
  final AtomicLong losses = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong staleSkips = new AtomicLong();
  final AtomicLong earnings = new AtomicLong();

  public long attempts() {
    return attempts.get();
  }

  public long wins() {
    return wins.get();
  }

  public long losses() {
    return losses.get();
  }

  public long failures() {
    return failures.get();
  }

  public long staleSkips() {
    return staleSkips.get();
  }

  public long earnings() {
    return earnings.get();
  }
}
