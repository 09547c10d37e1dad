package io.perpnet.sdk.strategy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters an agent keeps of its decisions, by name ("seen", "offered", "passed", "refused:EXPIRED", ...). */
public final class AgentStats {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  public void add(final String what) {
    counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }

  public long get(final String what) {
    final AtomicLong c = counts.get(what);
    return c == null ? 0 : c.get();
  }

  public Map<String, Long> snapshot() {
    final Map<String, Long> out = new java.util.TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
