package io.perpnet.node.chain;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits {@code open_position} for countersigned matches and records the outcome. A transaction
 * that does not land is retried (each time with a fresh blockhash: the client builds a new one)
 * until the terms expire; submitting twice is harmless, the position's address is derived from
 * the match id. A position seen on chain marks its reservation opened. One submission at a time,
 * on {@code submitter}.
 */
public final class Submitter {
  private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);

  /** How a submission ended. */
  public sealed interface Outcome {
    record Opened(String signature, EscrowAccounts.Position position) implements Outcome {}

    record Expired(String lastError) implements Outcome {}
  }

  /**
   * open_position's compute-unit limit: the measured 16,039 units for the whole transaction (the two
   * precompile checks included; escrow-program's cu-report) with a margin of about 2x.
   */
  static final int OPEN_POSITION_UNITS = 32_000;

  private final ChainService chain;
  private final Ed25519KeyPair payer;
  private final long priorityFee;
  private final StoredReservations book;
  private final Store store;
  private final LongSupplier clock;
  private final Executor submitter;

  /** @param priorityFee micro-lamports per compute unit (0: none) */
  public Submitter(final ChainService chain, final Ed25519KeyPair payer, final long priorityFee,
      final StoredReservations book, final Store store, final LongSupplier clock, final Executor submitter) {
    this.chain = chain;
    this.payer = payer;
    this.priorityFee = priorityFee;
    this.book = book;
    this.store = store;
    this.clock = clock;
    this.submitter = submitter;
  }

  public CompletableFuture<Outcome> submit(final Signed<MatchTerms> match) {
    return CompletableFuture.supplyAsync(() -> open(match), submitter);
  }

  private Outcome open(final Signed<MatchTerms> match) {
    final long expiry = match.payload().header().expiryMs();
    String lastError = "never tried";
    int attempt = 0;
    while (clock.getAsLong() < expiry) {
      attempt++;
      try {
        final Optional<EscrowAccounts.Position> already = chain.client().position(match);
        if (already.isPresent()) {
          return opened("(already open)", match, already.get());
        }
        final String signature = chain.client().openPosition(payer, match,
            new io.perpnet.escrow.tx.ComputeBudget(OPEN_POSITION_UNITS, priorityFee));
        final EscrowAccounts.Position p = chain.client().position(match).orElseThrow(
            () -> new IllegalStateException("confirmed, yet no position account"));
        return opened(signature, match, p);
      } catch (RpcError | RuntimeException e) {
        lastError = describe(e);
        try { // the other party's submission may have won the race: then there is nothing to wait for
          final Optional<EscrowAccounts.Position> won = chain.client().position(match);
          if (won.isPresent()) {
            return opened("(opened by the other party)", match, won.get());
          }
        } catch (RpcError ignored) {
          // the retry below reads it again
        }
        tried(match, attempt, e, lastError); // a race lost to the other party's open is no failure
        LOG.warn("match {}: open_position attempt {} failed: {}", match.hash().toHex(), attempt, lastError);
        try {
          Thread.sleep(Math.min(2_000, 250L * attempt)); // backoff between attempts
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return new Outcome.Expired("interrupted: " + lastError);
        }
      }
    }
    record(match, "position.expired", lastError);
    LOG.info("match {}: terms expired without a position ({})", match.hash().toHex(), lastError);
    return new Outcome.Expired(lastError);
  }

  /**
   * Closes our position of {@code match} at the oracle mark price (either party may) and releases
   * its reservation once the chain shows it closed.
   */
  public CompletableFuture<EscrowAccounts.Position> closeAtMark(final Signed<MatchTerms> match) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        final EscrowAccounts.Position p = chain.client().position(match)
            .orElseThrow(() -> new IllegalStateException("no position for match " + match.hash().toHex()));
        final String signature = chain.client().closeAtMark(payer, p);
        final EscrowAccounts.Position closed = chain.client().position(match).orElseThrow();
        if (!closed.closed()) {
          throw new IllegalStateException("close_at_mark confirmed, yet the position is open");
        }
        book.release(match.hash(), "closed at mark");
        record(match, "position.closed", signature, closedChange(match));
        LOG.info("match {}: position closed at mark, transaction {}", match.hash().toHex(), signature);
        return closed;
      } catch (RpcError | StoreException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, submitter);
  }

  /** Closes our position of {@code match} with both signatures over {@code close}; releases the reservation. */
  public CompletableFuture<EscrowAccounts.Position> closeMutual(final Signed<MatchTerms> match,
      final Signed<io.perpnet.consensus.message.CloseTerms> close) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        final EscrowAccounts.Position p = chain.client().position(match)
            .orElseThrow(() -> new IllegalStateException("no position for match " + match.hash().toHex()));
        final String signature = chain.client().closeMutual(payer, p, close);
        final EscrowAccounts.Position closed = chain.client().position(match).orElseThrow();
        if (!closed.closed()) {
          throw new IllegalStateException("close_mutual confirmed, yet the position is open");
        }
        book.release(match.hash(), "closed by mutual agreement");
        record(match, "position.closed", signature, closedChange(match));
        LOG.info("match {}: position closed by agreement at {}, transaction {}", match.hash().toHex(),
            close.payload().price(), signature);
        return closed;
      } catch (RpcError | StoreException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, submitter);
  }

  /** Keeps a failed open_position in the match's attempts, with its transaction's signature if one was signed. */
  private void tried(final Signed<MatchTerms> match, final int attempt, final Exception e, final String error) {
    final boolean refused = e instanceof RpcError r && r.refusedByChain();
    final Optional<String> signature = e instanceof RpcError r ? r.signature() : Optional.empty();
    try {
      io.perpnet.node.matches.Attempts.record(store, new io.perpnet.node.matches.Attempt(match.hash(),
          refused ? io.perpnet.node.matches.Attempt.Kind.OPEN_REFUSED
              : io.perpnet.node.matches.Attempt.Kind.OPEN_NOT_CONFIRMED, clock.getAsLong(), signature,
          error.lines().findFirst().orElse("")), attempt); // the program's logs stay in the node's log
    } catch (StoreException x) {
      LOG.warn("match {}: cannot record attempt {}: {}", match.hash().toHex(), attempt, x.getMessage());
    }
  }

  /** An error as the log and the outcome give it: the escrow's own reason by name first, when it is one. */
  public static String describe(final Exception e) {
    if (e instanceof RpcError r && r.customError() >= 0) {
      final io.perpnet.escrow.client.EscrowError named = io.perpnet.escrow.client.EscrowError.of(r.customError());
      if (named != null) {
        return named.name() + " (escrow error " + named.code() + "): " + e.getMessage();
      }
    }
    return e.getMessage();
  }

  static List<io.perpnet.node.store.Event.Change> closedChange(final Signed<MatchTerms> match) {
    return List.of(new io.perpnet.node.store.Event.Change(io.perpnet.node.store.Column.POSITIONS, match.hash().bytes(),
        null));
  }

  private Outcome opened(final String signature, final Signed<MatchTerms> match, final EscrowAccounts.Position p) {
    try {
      if (book.markOpened(match.hash(), "position.opened",
          (match.hash().toHex() + " " + signature).getBytes(StandardCharsets.UTF_8), mirrorChange(match, p))) {
        LOG.info("match {}: position opened, transaction {}", match.hash().toHex(), signature);
      }
    } catch (StoreException e) {
      LOG.warn("match {}: opened on chain, not yet marked here: {}", match.hash().toHex(), e.getMessage());
    }
    return new Outcome.Opened(signature, p);
  }

  /** The mirror of a position seen open, as a change of the {@code positions} column. */
  static List<io.perpnet.node.store.Event.Change> mirrorChange(final Signed<MatchTerms> match,
      final EscrowAccounts.Position p) {
    return List.of(new io.perpnet.node.store.Event.Change(io.perpnet.node.store.Column.POSITIONS, match.hash().bytes(),
        mirror(p)));
  }

  /**
   * The {@code positions} column's value for a position seen on chain (24 bytes, big-endian):
   * size (8), entry price (8), opened ms (8); the key is the match id. A closed position is removed.
   */
  static byte[] mirror(final EscrowAccounts.Position p) {
    return java.nio.ByteBuffer.allocate(24).putLong(p.size()).putLong(p.entryPrice()).putLong(p.openedMs()).array();
  }

  private void record(final Signed<MatchTerms> match, final String kind, final String detail) {
    record(match, kind, detail, List.of());
  }

  private void record(final Signed<MatchTerms> match, final String kind, final String detail,
      final List<io.perpnet.node.store.Event.Change> changes) {
    try {
      store.append(kind, (match.hash().toHex() + " " + detail).getBytes(StandardCharsets.UTF_8), changes,
          Store.Durability.BUFFERED);
    } catch (StoreException e) {
      LOG.warn("match {}: outcome not recorded: {}", match.hash().toHex(), e.getMessage());
    }
  }
}
