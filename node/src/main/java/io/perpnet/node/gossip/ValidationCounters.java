package io.perpnet.node.gossip;

import io.perpnet.consensus.message.MessageType;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Gossip messages validated, by kind, and refused, by stable reason code; for metrics and tests. */
public final class ValidationCounters {
  private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

  void accepted(final MessageType kind) {
    accepted.computeIfAbsent(kind.name(), k -> new LongAdder()).increment();
  }

  void refused(final String reason) {
    refused.computeIfAbsent(reason, k -> new LongAdder()).increment();
  }

  /** Messages of {@code kind} accepted so far (cheap: no snapshot). */
  public long acceptedCount(final MessageType kind) {
    final LongAdder a = accepted.get(kind.name());
    return a == null ? 0 : a.sum();
  }

  public Map<String, Long> accepted() {
    return snapshot(accepted);
  }

  public Map<String, Long> refused() {
    return snapshot(refused);
  }

  private static Map<String, Long> snapshot(final Map<String, LongAdder> m) {
    final Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
