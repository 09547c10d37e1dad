package io.perpnet.devnet.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds; percentiles in milliseconds. Thread-safe. */
final class Latencies {
  private long[] samples = new long[1024];
  private int count;

  synchronized void add(final long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  synchronized int count() {
    return count;
  }

  /** The {@code p}-th percentile (0..100) in ms, or NaN without samples. */
  synchronized double percentileMs(final double p) {
    if (count == 0) {
      return Double.NaN;
    }
    final long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return sorted[(int) Math.min(count - 1, Math.floor(p / 100 * count))] / 1e6;
  }
}
