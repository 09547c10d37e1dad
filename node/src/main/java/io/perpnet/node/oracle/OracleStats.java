package io.perpnet.node.oracle;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the oracle role did, for metrics, the API and tests: attestations signed, readings not
 * signed by reason (the guard's refusals and the feed's failures), post_prices sent and how they
 * ended (landed; lost the race, another node's post landed first; failed otherwise).
 */
public final class OracleStats {
  final AtomicLong signed = new AtomicLong();
  final AtomicLong posted = new AtomicLong();
  final AtomicLong lost = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
  private final java.util.List<Runnable> postListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Told after each post of ours that landed, on the posting thread. */
  public void addPostListener(final Runnable r) {
    postListeners.add(r);
  }

  void landed() {
    posted.incrementAndGet();
    postListeners.forEach(Runnable::run);
  }

  void refused(final String reason) {
    refused.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
  }

  public long signed() {
    return signed.get();
  }

  public long posted() {
    return posted.get();
  }

  public long lost() {
    return lost.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Readings not signed, by reason (the guard's refusal or the feed's failure code). */
  public Map<String, Long> refused() {
    final Map<String, Long> out = new TreeMap<>();
    refused.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
