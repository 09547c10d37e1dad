package io.perpnet.node.matches;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the {@code attempts} column. At most {@value #MAX_PER_RUN} attempts of one
 * submission run are kept (a run retries until the terms expire): the first 15 and the last.
 */
public final class Attempts {
  public static final int MAX_PER_RUN = 16;

  private Attempts() {}

  /**
   * Records {@code a}, the {@code number}th attempt of its run (from 1), in a {@code match.attempt}
   * event; past {@link #MAX_PER_RUN} only the run's last attempt is kept, in the last slot.
   */
  public static void record(final Store store, final Attempt a, final int number) throws StoreException {
    final int slot = Math.min(number, MAX_PER_RUN);
    final List<Event.Change> changes = new ArrayList<>();
    if (number > MAX_PER_RUN) { // replace the previous last one
      last(store, a.matchId()).ifPresent(k -> changes.add(new Event.Change(Column.ATTEMPTS, k, null)));
    }
    final byte[] v = a.encode();
    changes.add(new Event.Change(Column.ATTEMPTS, Attempt.key(a.matchId(), a.atMs(), slot), v));
    store.append("match.attempt", v, changes, Store.Durability.BUFFERED);
  }

  /** Every match's attempts, oldest first. */
  public static Map<Bytes32, List<Attempt>> all(final Store store) {
    final Map<Bytes32, List<Attempt>> out = new HashMap<>();
    store.forEach(Column.ATTEMPTS, (k, v) -> {
      final Attempt a = Attempt.decode(v);
      out.computeIfAbsent(a.matchId(), x -> new ArrayList<>()).add(a);
    });
    return out;
  }

  /** One match's attempts, oldest first. */
  public static List<Attempt> of(final Store store, final Bytes32 matchId) {
    final List<Attempt> out = new ArrayList<>();
    store.forEachWithPrefix(Column.ATTEMPTS, matchId.bytes(), (k, v) -> out.add(Attempt.decode(v)));
    return out;
  }

  private static java.util.Optional<byte[]> last(final Store store, final Bytes32 matchId) {
    final byte[][] last = new byte[1][];
    store.forEachWithPrefix(Column.ATTEMPTS, matchId.bytes(), (k, v) -> last[0] = k); // keys sort by time
    return java.util.Optional.ofNullable(last[0]);
  }
}
