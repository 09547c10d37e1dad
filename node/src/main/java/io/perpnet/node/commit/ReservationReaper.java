package io.perpnet.node.commit;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.node.store.StoreException;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases reservations whose terms expired without a position: from then on the chain refuses to
 * open them, so the size and margin they held are free again. Two guards, for a node that crashed
 * between the chain's confirmation and its own record: a reservation is released only
 * {@link #GRACE_MS} after its expiry (a cluster's clock may lag ours) and only once the chain
 * confirms there is no position for it; the watch of our positions marks an open one. Run it
 * periodically (the node does, every second, on the submitter's thread).
 */
public final class ReservationReaper implements Runnable {
  /** How long after the terms' expiry a reservation is held before it is released. */
  public static final long GRACE_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(ReservationReaper.class);

  /** Whether the chain holds the position a match opens. */
  @FunctionalInterface
  public interface OnChain {
    /** @throws Exception when the chain cannot tell now (the reservation is kept; asked again later) */
    boolean positionExists(Bytes32 matchId) throws Exception;
  }

  private final StoredReservations book;
  private final LongSupplier clock;
  private final OnChain chain;

  public ReservationReaper(final StoredReservations book, final LongSupplier clock, final OnChain chain) {
    this.book = book;
    this.clock = clock;
    this.chain = chain;
  }

  @Override
  public void run() {
    final List<Reservation> expired = book.expiredUnopened(clock.getAsLong() - GRACE_MS);
    for (final Reservation r : expired) {
      try {
        if (chain.positionExists(r.matchId())) {
          LOG.info("reservation {}: its terms expired, yet its position is open on chain; kept",
              r.matchId().toHex());
          continue;
        }
        book.release(r.matchId(), "terms expired at " + r.expiryMs() + " without a position");
        LOG.info("reservation {} released: its terms expired without a position", r.matchId().toHex());
      } catch (StoreException e) {
        LOG.warn("reservation {}: release failed, will retry: {}", r.matchId().toHex(), e.getMessage());
      } catch (Exception e) {
        LOG.warn("reservation {}: cannot ask the chain about its position, will retry: {}", r.matchId().toHex(),
            e.getMessage());
      }
    }
  }
}
