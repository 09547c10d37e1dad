package io.perpnet.node.commit;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.consensus.commitment.ReservationBook;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's {@link ReservationBook} in the store, behaving as consensus's in-memory book does:
 * {@link #add} before a signature that depends on it leaves the node (a SYNCED append), then
 * {@link #markOpened} once the position is seen on chain, {@link #release} when it closes or its
 * terms expire unopened. An index in memory answers the commitment rule; it is loaded from the
 * {@code reservations} column at start. Thread-safe.
 *
 * <p>Value layout ({@value #LENGTH} bytes, big-endian; the key is the match id): match id (32),
 * role (1: 0 trader, 1 maker), source hash (32), size (8), margin (8), notional (8), expiry ms
 * (8), opened (1: 0 or 1).
 */
public final class StoredReservations implements ReservationBook {
  static final int LENGTH = 32 + 1 + 32 + 8 * 4 + 1;

  private record Entry(Reservation reservation, boolean opened) {}

  private final Store store;
  private final Map<Bytes32, Entry> byMatch = new HashMap<>();
  private final Map<Bytes32, Long> sizeBySource = new HashMap<>();
  private long pendingMargin;

  public StoredReservations(final Store store) throws StoreException {
    this.store = store;
    final List<byte[]> values = new ArrayList<>();
    store.forEach(Column.RESERVATIONS, (k, v) -> values.add(v));
    for (final byte[] v : values) {
      index(decode(v));
    }
  }

  private void index(final Entry e) {
    final Reservation r = e.reservation();
    byMatch.put(r.matchId(), e);
    sizeBySource.merge(r.source(), r.size(), Math::addExact);
    if (!e.opened()) {
      pendingMargin = Math.addExact(pendingMargin, r.margin());
    }
  }

  /** Persists a new reservation (fsync'd); a second one for the same match is refused. */
  public synchronized void add(final Reservation r) throws StoreException {
    add(r, List.of());
  }

  /** Persists a new reservation with {@code also} (say, the signed match) in the same fsync'd event. */
  public synchronized void add(final Reservation r, final List<Event.Change> also) throws StoreException {
    if (byMatch.containsKey(r.matchId())) {
      throw new IllegalStateException("match " + r.matchId().toHex() + " already reserved");
    }
    final Entry e = new Entry(r, false);
    final byte[] v = encode(e);
    final List<Event.Change> changes = new ArrayList<>(also);
    changes.add(new Event.Change(Column.RESERVATIONS, r.matchId().bytes(), v));
    store.append("reservation.made", v, changes, Store.Durability.SYNCED);
    index(e);
  }

  /** The position is open on chain: its margin is now in the chain's free collateral. */
  public synchronized void markOpened(final Bytes32 matchId) throws StoreException {
    markOpened(matchId, "reservation.opened", matchId.bytes(), List.of());
  }

  /**
   * Marks the reservation opened, in one event of {@code kind} with {@code also} (the position's
   * mirror, say). Returns false, writing nothing, if there is no such reservation or it is marked
   * already: whoever sees the position first records it, once.
   */
  public synchronized boolean markOpened(final Bytes32 matchId, final String kind, final byte[] payload,
      final List<Event.Change> also) throws StoreException {
    final Entry e = byMatch.get(matchId);
    if (e == null || e.opened()) {
      return false;
    }
    final Entry opened = new Entry(e.reservation(), true);
    final List<Event.Change> changes = new ArrayList<>(also);
    changes.add(new Event.Change(Column.RESERVATIONS, matchId.bytes(), encode(opened)));
    store.append(kind, payload, changes, Store.Durability.BUFFERED);
    byMatch.put(matchId, opened);
    pendingMargin -= e.reservation().margin();
    return true;
  }

  /** Releases a reservation: its position closed, or its terms expired without one. */
  public synchronized void release(final Bytes32 matchId, final String why) throws StoreException {
    final Entry e = byMatch.get(matchId);
    if (e == null) {
      return;
    }
    store.append("reservation.released", why.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        List.of(new Event.Change(Column.RESERVATIONS, matchId.bytes(), null)), Store.Durability.BUFFERED);
    byMatch.remove(matchId);
    final Reservation r = e.reservation();
    sizeBySource.computeIfPresent(r.source(), (k, n) -> n - r.size() == 0 ? null : n - r.size());
    if (!e.opened()) {
      pendingMargin -= r.margin();
    }
  }

  /** Reservations whose position has been seen open on chain: to follow until it closes. */
  public synchronized List<Reservation> opened() {
    return byMatch.values().stream().filter(Entry::opened).map(Entry::reservation).toList();
  }

  /** Reservations whose position has not been seen on chain yet (their terms may still open one). */
  public synchronized List<Reservation> unopened() {
    return byMatch.values().stream().filter(e -> !e.opened()).map(Entry::reservation).toList();
  }

  /** Reservations not opened whose terms expired before {@code nowMs}: to release. */
  public synchronized List<Reservation> expiredUnopened(final long nowMs) {
    return byMatch.values().stream().filter(e -> !e.opened() && e.reservation().expiryMs() <= nowMs)
        .map(Entry::reservation).toList();
  }

  @Override
  public synchronized long reservedSize(final Bytes32 source) {
    return sizeBySource.getOrDefault(source, 0L);
  }

  @Override
  public synchronized long pendingMargin() {
    return pendingMargin;
  }

  @Override
  public synchronized int openCount() {
    return byMatch.size();
  }

  @Override
  public synchronized Optional<Reservation> find(final Bytes32 matchId) {
    return Optional.ofNullable(byMatch.get(matchId)).map(Entry::reservation);
  }

  static byte[] encode(final Entry e) {
    final Reservation r = e.reservation();
    final ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(r.matchId().bytes()).put((byte) r.role().ordinal()).put(r.source().bytes());
    b.putLong(r.size()).putLong(r.margin()).putLong(r.notional()).putLong(r.expiryMs());
    b.put((byte) (e.opened() ? 1 : 0));
    return b.array();
  }

  /** A reservation from its stored value (the {@code reservations} column, a {@code reservation.made} payload). */
  public static Reservation decodeReservation(final byte[] value) throws StoreException {
    return decode(value).reservation();
  }

  static Entry decode(final byte[] v) throws StoreException {
    if (v.length != LENGTH) {
      throw new StoreException("a reservation is " + LENGTH + " bytes, not " + v.length);
    }
    final ByteBuffer b = ByteBuffer.wrap(v);
    final Bytes32 match = Bytes32.wrap(take(b, 32));
    final int role = b.get();
    if (role < 0 || role >= Role.values().length) {
      throw new StoreException("reservation " + match.toHex() + " has role " + role);
    }
    final Bytes32 source = Bytes32.wrap(take(b, 32));
    final Reservation r = new Reservation(match, Role.values()[role], source, b.getLong(), b.getLong(), b.getLong(),
        b.getLong());
    return new Entry(r, b.get() == 1);
  }

  private static byte[] take(final ByteBuffer b, final int n) {
    final byte[] out = new byte[n];
    b.get(out);
    return out;
  }
}
