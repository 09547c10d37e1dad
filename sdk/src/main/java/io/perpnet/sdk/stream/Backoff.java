package io.perpnet.sdk.stream;

import java.util.random.RandomGenerator;

/**
 * Reconnect delays: doubling from {@code minMs} to {@code maxMs}, each with up to a quarter of
 * jitter (so agents that lost one node do not all return at the same instant); reset once live.
 */
public final class Backoff {
  private final long minMs;
  private final long maxMs;
  private final RandomGenerator random;
  private long next;

  public Backoff(final long minMs, final long maxMs, final RandomGenerator random) {
    if (minMs <= 0 || maxMs < minMs) {
      throw new IllegalArgumentException("need 0 < minMs <= maxMs");
    }
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.random = random;
    this.next = minMs;
  }

  /** The delay before the next attempt. */
  public long nextDelayMs() {
    final long base = next;
    next = Math.min(maxMs, next * 2);
    return base + random.nextLong(base / 4 + 1);
  }

  public void reset() {
    next = minMs;
  }
}
