package io.perpnet.node.matches;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.fills.Fill;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Every match this node signed, countersigned ({@code matches}) or only proposed
 * ({@code proposals}), with its {@link MatchState}. A match's state comes from, in order: its
 * position mirrored open; the outcome of this run's submission; its reservation still held; its
 * open fill; and, for a match decided before this start without a fill, the chain. A match with no
 * position is {@link MatchState#FAILED} when its last attempt was a refusal, else
 * {@link MatchState#EXPIRED}.
 */
public final class MatchBook {
  /** Reads the position of a match on chain (empty: never opened, or its account is gone). */
  public interface ChainLookup {
    boolean hasPosition(Signed<MatchTerms> match) throws RpcError;
  }

  /** One match as the node knows it. */
  public record Entry(Signed<MatchTerms> match, boolean countersigned, MatchState state, List<Attempt> attempts) {}

  private final Store store;
  private final Function<Bytes32, CompletableFuture<Submitter.Outcome>> submissions;
  private final Predicate<Bytes32> reserved;
  private final ChainLookup chain;
  private final LongSupplier clock;

  /**
   * @param submissions this run's submission of a match (completed exceptionally: none)
   * @param reserved whether the match's reservation is still held
   */
  public MatchBook(final Store store, final Function<Bytes32, CompletableFuture<Submitter.Outcome>> submissions,
      final Predicate<Bytes32> reserved, final ChainLookup chain, final LongSupplier clock) {
    this.store = store;
    this.submissions = submissions;
    this.reserved = reserved;
    this.chain = chain;
    this.clock = clock;
  }

  /** Every match, newest expiry first. */
  public List<Entry> all() throws StoreException, RpcError {
    final List<Signed<MatchTerms>> matches = new ArrayList<>();
    final java.util.Set<Bytes32> countersigned = new java.util.HashSet<>();
    for (final Column c : List.of(Column.MATCHES, Column.PROPOSALS)) {
      final List<byte[]> values = new ArrayList<>();
      store.forEach(c, (k, v) -> values.add(v));
      for (final byte[] v : values) {
        final Signed<MatchTerms> m = decode(v);
        if (c == Column.MATCHES) {
          countersigned.add(m.hash());
        } else if (countersigned.contains(m.hash())) {
          continue;
        }
        matches.add(m);
      }
    }
    matches.sort(java.util.Comparator.comparingLong((Signed<MatchTerms> m) -> m.payload().header().expiryMs())
        .reversed());
    final var attempts = Attempts.all(store);
    final List<Entry> out = new ArrayList<>();
    for (final Signed<MatchTerms> m : matches) {
      final List<Attempt> tried = attempts.getOrDefault(m.hash(), List.of());
      final boolean both = countersigned.contains(m.hash());
      out.add(new Entry(m, both, state(m, both, tried), tried));
    }
    return out;
  }

  public Optional<Entry> find(final Bytes32 matchId) throws StoreException, RpcError {
    Optional<byte[]> v = store.get(Column.MATCHES, matchId.bytes());
    final boolean both = v.isPresent();
    if (!both) {
      v = store.get(Column.PROPOSALS, matchId.bytes());
    }
    if (v.isEmpty()) {
      return Optional.empty();
    }
    final Signed<MatchTerms> m = decode(v.get());
    final List<Attempt> tried = Attempts.of(store, matchId);
    return Optional.of(new Entry(m, both, state(m, both, tried), tried));
  }

  private MatchState state(final Signed<MatchTerms> m, final boolean countersigned, final List<Attempt> tried)
      throws StoreException, RpcError {
    final Bytes32 id = m.hash();
    if (store.get(Column.POSITIONS, id.bytes()).isPresent()) {
      return MatchState.CONFIRMED;
    }
    final boolean refused = !tried.isEmpty() && tried.get(tried.size() - 1).kind().refusal();
    final MatchState none = refused ? MatchState.FAILED : MatchState.EXPIRED;
    final CompletableFuture<Submitter.Outcome> s = submissions.apply(id);
    final boolean submittedHere = !s.isCompletedExceptionally();
    if (submittedHere && s.isDone()) {
      return s.join() instanceof Submitter.Outcome.Opened ? MatchState.CLOSED : none;
    }
    if (reserved.test(id)) {
      if (countersigned) {
        return submittedHere ? MatchState.SUBMITTED : MatchState.COUNTERSIGNED;
      }
      return refused ? MatchState.FAILED
          : clock.getAsLong() < m.payload().header().expiryMs() ? MatchState.PROPOSED : MatchState.EXPIRED;
    }
    if (store.get(Column.FILLS, Fill.key(id.bytes(), true)).isPresent()) {
      return MatchState.CLOSED; // it opened, and is no longer open
    }
    return chain.hasPosition(m) ? MatchState.CLOSED : none; // decided before this start
  }

  private static Signed<MatchTerms> decode(final byte[] v) throws StoreException {
    try {
      return Signed.decode(v, MatchTerms.class);
    } catch (RejectedException e) {
      throw new StoreException("unreadable match: " + e.getMessage(), e);
    }
  }
}
