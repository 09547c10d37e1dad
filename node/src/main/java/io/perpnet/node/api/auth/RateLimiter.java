package io.perpnet.node.api.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (the token's scope, or the peer address before authentication): {@code
 * rate} per second sustained, {@code burst} at once. Answers how long to wait when empty.
 */
public final class RateLimiter {
  private final long rate;
  private final long burst;
  private final LongSupplier nanos;
  private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(final double tokens, final long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  public RateLimiter(final int rate, final int burst, final LongSupplier nanos) {
    this.rate = rate;
    this.burst = burst;
    this.nanos = nanos;
  }

  /** 0 if a request may go now (and takes a token), else the milliseconds until one may. */
  public long acquire(final Object key) {
    final long now = nanos.getAsLong();
    final Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (now - b.at) * rate / 1e9);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - b.tokens) * 1000 / rate);
    }
  }
}
