package io.perpnet.sdk.sign;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Nonces for one signer: the current time in microseconds, or one more than the last if that is
 * not larger, from one atomic counter, so concurrent signatures never share one. Unique per
 * signer as long as one process signs with the key at a time and the clock does not step back by
 * more than the messages' lifetime (nonces must be unique until expiry).
 */
public final class Nonces {
  private final AtomicLong last = new AtomicLong();
  private final LongSupplier micros;

  public Nonces(final LongSupplier micros) {
    this.micros = micros;
  }

  public static Nonces wallClock() {
    return new Nonces(() -> System.currentTimeMillis() * 1_000);
  }

  public long next() {
    final long now = micros.getAsLong();
    return last.updateAndGet(prev -> Math.max(prev + 1, now));
  }
}
