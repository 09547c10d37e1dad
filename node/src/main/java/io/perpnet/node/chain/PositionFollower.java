package io.perpnet.node.chain;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node does with a position it sees on chain: one closed by anyone (the other party at
 * the mark, by agreement, a liquidator) releases its reservation and is recorded as
 * {@code position.closed}. Told of each change by the {@link PositionWatch}, and of all our
 * positions at once after each (re)subscription, so a change missed while disconnected is found.
 */
final class PositionFollower {
  private static final Logger LOG = LoggerFactory.getLogger(PositionFollower.class);
  private final StoredReservations book;
  private final Store store;

  PositionFollower(final StoredReservations book, final Store store) {
    this.book = book;
    this.store = store;
  }

  /** A change of one of our positions. */
  void changed(final EscrowAccounts.Position p) {
    final Bytes32 matchId = Bytes32.wrap(p.matchId());
    if (book.find(matchId).isEmpty()) {
      return; // ours closed it, or released it already
    }
    if (!p.closed()) {
      opened(matchId, p);
      return;
    }
    try {
      final Optional<byte[]> stored = store.get(Column.MATCHES, matchId.bytes());
      book.release(matchId, "closed on chain");
      store.append("position.closed", (matchId.toHex() + " seen closed on chain").getBytes(StandardCharsets.UTF_8),
          stored.isPresent() ? Submitter.closedChange(Signed.decode(stored.get(), MatchTerms.class)) : List.of(),
          Store.Durability.BUFFERED);
      LOG.info("match {}: position closed on chain; reservation released", matchId.toHex());
    } catch (StoreException | RejectedException | RuntimeException e) {
      LOG.warn("match {}: seen closed on chain, not recorded yet: {}", matchId.toHex(), e.getMessage());
    }
  }

  /**
   * Open on chain: usually our submitter records it first; after a crash between the chain's
   * confirmation and that record, this is where it is recorded.
   */
  private void opened(final Bytes32 matchId, final EscrowAccounts.Position p) {
    try {
      if (book.markOpened(matchId, "position.opened", (matchId.toHex() + " seen open on chain")
          .getBytes(StandardCharsets.UTF_8), List.of(new Event.Change(Column.POSITIONS, matchId.bytes(),
          Submitter.mirror(p))))) {
        LOG.info("match {}: position seen open on chain", matchId.toHex());
      }
    } catch (StoreException e) {
      LOG.warn("match {}: seen open on chain, not recorded yet: {}", matchId.toHex(), e.getMessage());
    }
  }

  /**
   * Every position of ours the chain holds, read after a (re)subscription: a reservation whose
   * position closed meanwhile is released, one whose position opened unrecorded is marked.
   * Returns how many were found closed.
   */
  int reconcile(final List<EscrowAccounts.Position> ours) {
    final Map<Bytes32, EscrowAccounts.Position> byMatch = new HashMap<>();
    ours.forEach(p -> byMatch.put(Bytes32.wrap(p.matchId()), p));
    int closed = 0;
    for (final Reservation r : List.copyOf(book.unopened())) {
      final EscrowAccounts.Position p = byMatch.get(r.matchId());
      if (p != null) {
        changed(p); // opened (and perhaps closed) while we did not look
      }
    }
    for (final Reservation r : book.opened()) {
      final EscrowAccounts.Position p = byMatch.get(r.matchId());
      if (p != null && p.closed()) {
        changed(p);
        closed++;
      }
    }
    return closed;
  }
}
