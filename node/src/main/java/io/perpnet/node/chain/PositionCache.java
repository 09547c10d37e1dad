package io.perpnet.node.chain;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our open positions, read from the store again only after an event changed the {@code positions}
 * column: every intent's exposure check, the portfolio and the triggers' 500 ms watch read them,
 * and with hundreds of positions a read of the column is milliseconds. A store event that touches
 * the column bumps a version; a snapshot taken at an older version is read again. Matches are
 * decoded once ({@link OpenPosition.Matches}).
 */
public final class PositionCache {
  private record Snapshot(long version, List<OpenPosition> positions) {}

  private final AtomicLong version = new AtomicLong();
  private final OpenPosition.Matches matches = new OpenPosition.Matches();
  private volatile Snapshot snapshot;
  private volatile Store attached;

  public List<OpenPosition> get(final Store store, final Ed25519PublicKey self) throws StoreException {
    if (attached != store) {
      attach(store);
    }
    final long v = version.get();
    final Snapshot s = snapshot;
    if (s != null && s.version() == v) {
      return s.positions();
    }
    final List<OpenPosition> read = List.copyOf(OpenPosition.all(store, self, matches));
    snapshot = new Snapshot(v, read); // a change meanwhile moved the version on: the next call reads again
    return read;
  }

  private synchronized void attach(final Store store) {
    if (attached == store) {
      return;
    }
    store.addListener(e -> {
      if (e.changes().stream().anyMatch(c -> c.column() == Column.POSITIONS)) {
        version.incrementAndGet();
      }
    });
    version.incrementAndGet();
    attached = store;
  }
}
