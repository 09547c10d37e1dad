package io.perpnet.node.chain;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Our open positions, kept up to date from the store's events instead of read again: every
 * intent's exposure check, the portfolio and the triggers' 500 ms watch read them, and with
 * hundreds of positions a read of the column is a millisecond (a match lookup per position). The
 * column is read once; after that each event's changes to it (a mirror written, or deleted) are
 * queued by the appending thread and applied at the next read, which then decodes only the new
 * positions' matches ({@link OpenPosition.Matches}). A change is a whole value, so applying again
 * one the first read already saw is harmless: the listener is registered before that read.
 */
public final class PositionCache {
  /** Beyond this many changes not yet applied, the next read starts over from the column. */
  static final int MAX_PENDING = 10_000;

  private final OpenPosition.Matches matches = new OpenPosition.Matches();
  private final ConcurrentLinkedQueue<Event.Change> pending = new ConcurrentLinkedQueue<>();
  private final TreeMap<byte[], OpenPosition> open = new TreeMap<>(Arrays::compareUnsigned);
  private volatile List<OpenPosition> view;
  private Store attached;
  private boolean stale = true;

  public synchronized List<OpenPosition> get(final Store store, final Ed25519PublicKey self) throws StoreException {
    if (attached != store) {
      store.addListener(this::seen);
      attached = store;
      stale = true;
    }
    if (stale || pending.size() > MAX_PENDING) {
      pending.clear();
      stale = false;
      open.clear();
      for (final OpenPosition p : OpenPosition.all(store, self, matches)) {
        open.put(p.matchId().bytes(), p);
      }
      view = null;
    }
    for (Event.Change c = pending.poll(); c != null; c = pending.poll()) {
      apply(store, self, c);
      view = null;
    }
    if (view == null) {
      view = List.copyOf(open.values());
    }
    return view;
  }

  /** On the appending thread: hand over, never read. */
  private void seen(final Event e) {
    for (final Event.Change c : e.changes()) {
      if (c.column() == Column.POSITIONS) {
        pending.add(c);
      }
    }
  }

  private void apply(final Store store, final Ed25519PublicKey self, final Event.Change c) throws StoreException {
    if (c.value() == null) {
      open.remove(c.key());
      return;
    }
    final Optional<byte[]> stored = store.get(Column.MATCHES, c.key());
    if (stored.isEmpty()) {
      open.remove(c.key()); // cannot be: a mirror is written only for a match we hold
      return;
    }
    try {
      open.put(c.key(), OpenPosition.of(matches.decode(c.key(), stored.get()), ByteBuffer.wrap(c.value()), self));
    } catch (RejectedException e) {
      throw new StoreException("match " + Bytes32.wrap(c.key()).toHex() + " unreadable: " + e.getMessage(), e);
    }
  }
}
