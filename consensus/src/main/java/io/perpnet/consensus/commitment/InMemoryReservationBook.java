package io.perpnet.consensus.commitment;

import io.perpnet.consensus.codec.Bytes32;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link ReservationBook} in memory; the node's RocksDB book behaves the same. Not thread-safe. */
public final class InMemoryReservationBook implements ReservationBook {
  private final Map<Bytes32, Reservation> byMatch = new HashMap<>();
  private final Map<Bytes32, Long> sizeBySource = new HashMap<>();
  private final Map<Bytes32, Reservation> pending = new HashMap<>();
  private long pendingMargin;

  public void add(final Reservation r) {
    if (byMatch.putIfAbsent(r.matchId(), r) != null) {
      throw new IllegalStateException("match " + r.matchId() + " already reserved");
    }
    sizeBySource.merge(r.source(), r.size(), Math::addExact);
    pending.put(r.matchId(), r);
    pendingMargin = Math.addExact(pendingMargin, r.margin());
  }

  /** The position is open on chain: its margin is now reflected in the chain's free collateral. */
  public void markOpened(final Bytes32 matchId) {
    final Reservation r = pending.remove(matchId);
    if (r != null) {
      pendingMargin -= r.margin();
    }
  }

  /** Releases a reservation (position closed, or the terms expired without opening). */
  public void release(final Bytes32 matchId) {
    final Reservation r = byMatch.remove(matchId);
    if (r != null) {
      markOpened(matchId);
      sizeBySource.computeIfPresent(r.source(), (k, v) -> v - r.size() == 0 ? null : v - r.size());
    }
  }

  @Override
  public long reservedSize(final Bytes32 source) {
    return sizeBySource.getOrDefault(source, 0L);
  }

  @Override
  public long pendingMargin() {
    return pendingMargin;
  }

  @Override
  public int openCount() {
    return byMatch.size();
  }

  @Override
  public Optional<Reservation> find(final Bytes32 matchId) {
    return Optional.ofNullable(byMatch.get(matchId));
  }
}
