package io.perpnet.node.risk;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Stop-loss and take-profit prices of our positions, in the {@code triggers} column (so they
 * survive restarts): the oracle price at which the node closes a position at mark. For a long a
 * stop-loss fires at or below its price and a take-profit at or above; for a short the reverse.
 */
public final class Triggers {
  /** Which trigger. */
  public enum Kind {
    STOP_LOSS, TAKE_PROFIT;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** One trigger set on a position. */
  public record Trigger(Bytes32 matchId, Kind kind, long price) {}

  private final Store store;

  public Triggers(final Store store) {
    this.store = store;
  }

  static byte[] key(final Bytes32 matchId, final Kind kind) {
    return ByteBuffer.allocate(33).put(matchId.bytes()).put((byte) kind.ordinal()).array();
  }

  /** Sets (or, with price 0, clears) a trigger. */
  public void set(final Bytes32 matchId, final Kind kind, final long price) throws StoreException {
    store.append(price == 0 ? "trigger.cleared" : "trigger.set", key(matchId, kind), List.of(new Event.Change(
        Column.TRIGGERS, key(matchId, kind), price == 0 ? null : ByteBuffer.allocate(8).putLong(price).array())),
        Store.Durability.SYNCED);
  }

  /** Removes both triggers of a position, recording why ({@code trigger.fired} or {@code trigger.cleared}). */
  public void clear(final Bytes32 matchId, final String kind, final byte[] payload) throws StoreException {
    final List<Event.Change> changes = new ArrayList<>();
    for (final Kind k : Kind.values()) {
      changes.add(new Event.Change(Column.TRIGGERS, key(matchId, k), null));
    }
    store.append(kind, payload, changes, Store.Durability.BUFFERED);
  }

  public List<Trigger> all() {
    final List<Trigger> out = new ArrayList<>();
    store.forEach(Column.TRIGGERS, (k, v) -> out.add(new Trigger(Bytes32.wrap(Arrays.copyOf(k, 32)),
        Kind.values()[k[32]], ByteBuffer.wrap(v).getLong())));
    return out;
  }

  public List<Trigger> of(final Bytes32 matchId) {
    return all().stream().filter(t -> t.matchId().equals(matchId)).toList();
  }

  /** Whether {@code price} crosses the trigger for our side ({@code long_}: we bought). */
  public static boolean crossed(final Trigger t, final boolean long_, final long price) {
    final boolean below = price <= t.price();
    final boolean above = price >= t.price();
    return switch (t.kind()) {
      case STOP_LOSS -> long_ ? below : above;
      case TAKE_PROFIT -> long_ ? above : below;
    };
  }
}
