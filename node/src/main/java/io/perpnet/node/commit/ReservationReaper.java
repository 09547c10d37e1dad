package io.perpnet.node.commit;

import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.node.store.StoreException;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases reservations whose terms expired without a position: from then on the chain refuses to
 * open them, so the size and margin they held are free again. A position the chain opened is marked
 * opened first and is never released here. Run it periodically (the RFQ service does, every second).
 */
public final class ReservationReaper implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ReservationReaper.class);
  private final StoredReservations book;
  private final LongSupplier clock;

  public ReservationReaper(final StoredReservations book, final LongSupplier clock) {
    this.book = book;
    this.clock = clock;
  }

  @Override
  public void run() {
    final List<Reservation> expired = book.expiredUnopened(clock.getAsLong());
    for (final Reservation r : expired) {
      try {
        book.release(r.matchId(), "terms expired at " + r.expiryMs() + " without a position");
        LOG.info("reservation {} released: its terms expired without a position", r.matchId().toHex());
      } catch (StoreException e) {
        LOG.warn("reservation {}: release failed, will retry: {}", r.matchId().toHex(), e.getMessage());
      }
    }
  }
}
