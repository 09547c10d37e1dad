package io.perpnet.sdk.hyperliquid.signing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One signer's nonces: the current unix ms, or one more than the last nonce when two actions fall
 * in the same millisecond (or the clock steps back), so concurrent orders never reuse one.
 * Hyperliquid keeps each signer's 100 highest nonces and refuses one below them or reused.
 */
public final class NonceClock {
  private final AtomicLong last = new AtomicLong();
  private final LongSupplier clock;

  public NonceClock(final LongSupplier clock) {
    this.clock = clock;
  }

  public static NonceClock system() {
    return new NonceClock(System::currentTimeMillis);
  }

  public long next() {
    final long now = clock.getAsLong();
    return last.updateAndGet(prev -> Math.max(prev + 1, now));
  }
}
