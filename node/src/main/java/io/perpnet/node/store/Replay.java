package io.perpnet.node.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds every derived column from the event log, in memory, and compares the result with what
 * is stored. A healthy store has no difference: every state change went through
 * {@link Store#append}. Holds the derived state in memory once (a node's state is small).
 */
public final class Replay {
  /** What replay found: the events replayed and every key whose stored value differs. */
  public record Report(long events, Map<Column, Integer> entries, List<Difference> differences) {
    public boolean healthy() {
      return differences.isEmpty();
    }
  }

  /** A key whose replayed value ({@code null}: absent) differs from the stored one ({@code null}: absent). */
  public record Difference(Column column, byte[] key, byte[] replayed, byte[] stored) {
    @Override
    public String toString() {
      final HexFormat hex = HexFormat.of();
      return column + " " + hex.formatHex(key) + ": replayed " + (replayed == null ? "absent" : hex.formatHex(replayed))
          + ", stored " + (stored == null ? "absent" : hex.formatHex(stored));
    }
  }

  private Replay() {}

  public static Report run(final Store store) throws StoreException {
    final Map<Column, TreeMap<byte[], byte[]>> replayed = new EnumMap<>(Column.class);
    for (final Column c : Column.values()) {
      if (c.derived()) {
        replayed.put(c, new TreeMap<>(Arrays::compareUnsigned));
      }
    }
    final long[] events = new long[1];
    store.forEachEvent(1, e -> {
      events[0]++;
      for (final Event.Change ch : e.changes()) {
        if (ch.isDelete()) {
          replayed.get(ch.column()).remove(ch.key());
        } else {
          replayed.get(ch.column()).put(ch.key(), ch.value());
        }
      }
    });
    final List<Difference> differences = new ArrayList<>();
    final Map<Column, Integer> entries = new EnumMap<>(Column.class);
    for (final Map.Entry<Column, TreeMap<byte[], byte[]>> e : replayed.entrySet()) {
      final TreeMap<byte[], byte[]> expected = new TreeMap<>(e.getValue());
      final int[] count = new int[1];
      store.forEach(e.getKey(), (k, v) -> {
        count[0]++;
        final byte[] want = expected.remove(k);
        if (!Arrays.equals(want, v)) {
          differences.add(new Difference(e.getKey(), k, want, v));
        }
      });
      expected.forEach((k, v) -> differences.add(new Difference(e.getKey(), k, v, null)));
      entries.put(e.getKey(), count[0]);
    }
    return new Report(events[0], entries, differences);
  }
}
