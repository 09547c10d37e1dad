package io.perpnet.node.chain;

import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import io.perpnet.consensus.validation.RejectedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows our open positions on chain: one closed by anyone (the other party at the mark, by
 * agreement, a liquidator) releases its reservation and is recorded as {@code position.closed}.
 * It reads each position by RPC when run (the node runs it every two seconds); account
 * subscriptions over WebSocket would tell sooner, with this as the reconciliation after a
 * reconnect.
 */
public final class PositionFollower implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PositionFollower.class);
  private final ChainService chain;
  private final StoredReservations book;
  private final Store store;

  public PositionFollower(final ChainService chain, final StoredReservations book, final Store store) {
    this.chain = chain;
    this.book = book;
    this.store = store;
  }

  @Override
  public void run() {
    for (final Reservation r : book.opened()) {
      try {
        final Optional<byte[]> stored = store.get(Column.MATCHES, r.matchId().bytes());
        if (stored.isEmpty()) {
          continue;
        }
        final Signed<MatchTerms> match = Signed.decode(stored.get(), MatchTerms.class);
        final Optional<EscrowAccounts.Position> p = chain.client().position(match);
        if (p.isPresent() && p.get().closed()) {
          book.release(r.matchId(), "closed on chain");
          store.append("position.closed", (r.matchId().toHex() + " seen closed on chain").getBytes(StandardCharsets.UTF_8),
              Submitter.closedChange(match), Store.Durability.BUFFERED);
          LOG.info("match {}: position closed on chain; reservation released", r.matchId().toHex());
        }
      } catch (RpcError | StoreException | RejectedException | RuntimeException e) {
        LOG.warn("match {}: cannot follow its position now: {}", r.matchId().toHex(), e.getMessage());
      }
    }
  }
}
