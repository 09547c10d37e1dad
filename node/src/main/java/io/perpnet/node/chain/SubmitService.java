package io.perpnet.node.chain;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.AccountFilter;
import java.util.List;
import io.perpnet.node.commit.ReservationReaper;
import io.perpnet.node.commit.StoredReservations;
import java.util.concurrent.TimeUnit;
import io.perpnet.node.metrics.NodeMetrics;
import io.perpnet.node.service.Service;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Store;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of the chain after a match: submits each countersigned match (and, after a
 * restart, those stored and not seen open), closes positions and releases the reservations whose
 * terms expired without a position ({@link ReservationReaper}), on one thread. Following the
 * positions once open is the {@link PositionWatch}'s.
 */
public final class SubmitService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(SubmitService.class);
  private final ChainService chain;
  private final Ed25519KeyPair payer;
  private final long priorityFee;
  private final Supplier<StoredReservations> book;
  private final Supplier<Store> store;
  private final NodeMetrics metrics;
  private final Map<Bytes32, CompletableFuture<Submitter.Outcome>> submissions = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("chain-submit").factory());
  private volatile Submitter submitter;

  /** {@code book} and {@code store} are read at start: the services that own them start first. */
  public SubmitService(final ChainService chain, final Ed25519KeyPair payer, final long priorityFee,
      final Supplier<StoredReservations> book, final Supplier<Store> store, final NodeMetrics metrics) {
    this.chain = chain;
    this.payer = payer;
    this.priorityFee = priorityFee;
    this.book = book;
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public String name() {
    return "submitter";
  }

  @Override
  public void start() throws Exception {
    submitter = new Submitter(chain, payer, priorityFee, book.get(), store.get(), System::currentTimeMillis, thread);
    resume();
    thread.scheduleWithFixedDelay(new ReservationReaper(book.get(), System::currentTimeMillis, this::positionExists),
        1, 1, TimeUnit.SECONDS);
  }

  /**
   * After a restart: every match we countersigned whose position we have not seen open and whose
   * terms have not expired is submitted again (harmless if it is open already).
   */
  private void resume() throws Exception {
    final long now = System.currentTimeMillis();
    for (final Reservation r : book.get().unopened()) {
      if (r.expiryMs() <= now) {
        continue; // the reaper releases it
      }
      final Optional<byte[]> stored = store.get().get(Column.MATCHES, r.matchId().bytes());
      if (stored.isPresent()) {
        LOG.info("match {}: resuming its submission after a restart", r.matchId().toHex());
        submit(Signed.decode(stored.get(), MatchTerms.class));
      }
    }
  }

  /**
   * By match id alone: a trader that crashed after sending its accept has no countersigned match
   * stored, yet the maker may have opened the position.
   */
  private boolean positionExists(final Bytes32 matchId) throws Exception {
    return !chain.rpc().programAccounts(chain.client().program().programId().toByteArray(), List.of(
        new AccountFilter.DataSize(EscrowAccounts.POSITION_SIZE),
        new AccountFilter.Memcmp(EscrowAccounts.POSITION_OFF_MATCH_ID, matchId.bytes()))).isEmpty();
  }

  /** Submits a countersigned match (before start: ignored, the start resumes it from the store). */
  public void submit(final Signed<MatchTerms> match) {
    final Submitter s = submitter;
    if (s != null) {
      final long start = System.nanoTime();
      submissions.put(match.hash(), s.submit(match).whenComplete((o, e) -> metrics.submitted(
          o instanceof Submitter.Outcome.Opened ? "opened" : "expired", Duration.ofNanos(System.nanoTime() - start))));
    }
  }

  public CompletableFuture<Submitter.Outcome> submission(final Bytes32 matchId) {
    return submissions.getOrDefault(matchId, CompletableFuture.failedFuture(
        new IllegalArgumentException("no submission for match " + matchId.toHex())));
  }

  public CompletableFuture<EscrowAccounts.Position> closeAtMark(final Signed<MatchTerms> match) {
    return started().closeAtMark(match);
  }

  public CompletableFuture<EscrowAccounts.Position> closeMutual(final Signed<MatchTerms> match,
      final Signed<CloseTerms> close) {
    return started().closeMutual(match, close);
  }

  private Submitter started() {
    final Submitter s = submitter;
    if (s == null) {
      throw new IllegalStateException("the node is not started");
    }
    return s;
  }

  @Override
  public void stop() {
    thread.shutdownNow();
  }
}
