package io.perpnet.node.rfq;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.commitment.CommitmentRule;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Messages;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.Agreement;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import io.perpnet.node.commit.NonceAllocator;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.matches.Attempt;
import io.perpnet.node.matches.Attempts;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trader's side of the accept protocol. For one quote and a size: signs an Accept (a fresh
 * nonce), derives the match terms, applies the commitment rule, persists the reservation (fsync'd)
 * before its signature over the terms leaves the node, asks the maker, and checks the maker's
 * signature as the chain will. Once our signature has left, the reservation is kept until the
 * terms expire whatever the maker answers: a maker that refuses, answers garbage or cannot be
 * reached (it is asked again: the protocol is idempotent) may still hold both signatures and open
 * the position, so the size stays committed until that can no longer happen; the expiry job then
 * releases what did not open.
 */
public final class TraderDesk {
  private static final Logger LOG = LoggerFactory.getLogger(TraderDesk.class);
  static final int ATTEMPTS = 3;

  /** How an accept ended. */
  public sealed interface Outcome {
    record Matched(Signed<MatchTerms> match) implements Outcome {}

    record Refused(Rejection reason, String detail) implements Outcome {}

    /** The maker did not answer: the reservation is kept until the terms expire. */
    record NoAnswer(Bytes32 matchId, String why) implements Outcome {}
  }

  private final CommitGate gate;
  private final Ed25519KeyPair self;
  private final Map<Integer, MarketParams> markets;
  private final NonceAllocator nonces;
  private final StoredReservations book;
  private final Store store;
  private final java.util.function.Supplier<AgentLimits> limits;
  private final MakerDesk.Collateral collateral;
  private final P2pNetwork network;
  private final LongSupplier clock;
  private final Executor desk;
  private final java.util.function.Consumer<Signed<MatchTerms>> matched;

  /** @param matched told of each countersigned match, on the desk's thread (say, to submit it) */
  public TraderDesk(final Ed25519KeyPair self, final Map<Integer, MarketParams> markets, final NonceAllocator nonces,
      final StoredReservations book, final Store store, final AgentLimits limits, final MakerDesk.Collateral collateral,
      final P2pNetwork network, final LongSupplier clock, final Executor desk,
      final java.util.function.Consumer<Signed<MatchTerms>> matched) {
    this(self, markets, nonces, book, store, () -> limits, collateral, network, clock, desk, matched, CommitGate.OPEN);
  }

  /**
   * @param limits the agent's limits as they are now (they may change at run time)
   * @param gate asked before each new accept is signed
   */
  public TraderDesk(final Ed25519KeyPair self, final Map<Integer, MarketParams> markets, final NonceAllocator nonces,
      final StoredReservations book, final Store store, final java.util.function.Supplier<AgentLimits> limits,
      final MakerDesk.Collateral collateral,
      final P2pNetwork network, final LongSupplier clock, final Executor desk,
      final java.util.function.Consumer<Signed<MatchTerms>> matched, final CommitGate gate) {
    this.gate = gate;
    this.self = self;
    this.markets = Map.copyOf(markets);
    this.nonces = nonces;
    this.book = book;
    this.store = store;
    this.limits = limits;
    this.collateral = collateral;
    this.network = network;
    this.clock = clock;
    this.desk = desk;
    this.matched = matched;
  }

  private record Committed(Signed<MatchTerms> terms, byte[] request) {}

  /** Accepts {@code size} of {@code quote} for our {@code intent}; the accept is valid for {@code lifetimeMs}. */
  public CompletableFuture<Outcome> accept(final Signed<Intent> intent, final Signed<Quote> quote,
      final List<Multiaddr> makerAddresses, final long size, final long lifetimeMs) {
    final PeerId maker = PeerId.of(quote.payload().maker());
    network.addAddresses(maker, makerAddresses);
    return CompletableFuture.supplyAsync(() -> commit(intent, quote, size, lifetimeMs), desk).thenCompose(c -> {
      if (c instanceof Outcome o) {
        return CompletableFuture.completedFuture(o);
      }
      return ask(maker, (Committed) c, 1);
    });
  }

  /** Reserves and signs; an Outcome if we refuse ourselves, else what to send. */
  private Object commit(final Signed<Intent> intent, final Signed<Quote> quote, final long size, final long lifetimeMs) {
    final java.util.Optional<String> halted = gate.halted();
    if (halted.isPresent()) {
      return new Outcome.Refused(Rejection.AGENT_HALTED, halted.get());
    }
    try {
      final MarketParams market = markets.get(intent.payload().header().market());
      if (market == null) {
        throw new RejectedException(Rejection.UNKNOWN_MARKET, "market " + intent.payload().header().market());
      }
      final Header h = new Header(market.id(), intent.payload().header().program(), clock.getAsLong() + lifetimeMs,
          nonces.next(MessageType.ACCEPT, self.publicKey()));
      final Signed<Accept> accept = Signed.sign(new Accept(h, self.publicKey(), quote.hash(), size), self);
      final MatchTerms terms = Agreement.derive(intent, quote, accept, market);
      final byte[] signature = self.sign(Messages.encode(terms));
      final Signed<MatchTerms> ours = Signed.of(terms, List.of(signature, new byte[64]));
      switch (CommitmentRule.decide(self.publicKey(), ours, intent, quote, market, book, limits.get(), collateral.free())) {
        case CommitmentRule.Decision.Refuse r -> {
          return new Outcome.Refused(r.reason(), r.detail());
        }
        case CommitmentRule.Decision.AlreadyCommitted a -> throw new IllegalStateException("a fresh accept nonce");
        case CommitmentRule.Decision.Sign s -> book.add(s.reservation(), // on disk before the signature leaves
            List.of(new Event.Change(Column.PROPOSALS, ours.hash().bytes(), ours.toWire())));
      }
      LOG.info("accepting {} of quote {} from {}: match {}", size, quote.hash().toHex(), quote.payload().maker(),
          ours.hash().toHex());
      return new Committed(ours, new AcceptWire.Request(intent.toWire(), quote.toWire(), accept.toWire(), signature)
          .encode());
    } catch (RejectedException e) {
      return new Outcome.Refused(e.reason(), e.getMessage());
    } catch (StoreException e) {
      return new Outcome.Refused(Rejection.COMMITMENT_UNAVAILABLE, e.getMessage());
    }
  }

  private CompletableFuture<Outcome> ask(final PeerId maker, final Committed c, final int attempt) {
    return network.request(maker, AcceptWire.PROTOCOL, c.request())
        .thenApplyAsync(bytes -> answered(c, bytes), desk)
        .exceptionallyCompose(e -> {
          final Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (attempt < ATTEMPTS && clock.getAsLong() < c.terms().payload().header().expiryMs()) {
            LOG.info("match {}: no answer from {} ({}); asking again", c.terms().hash().toHex(), maker, cause.toString());
            return ask(maker, c, attempt + 1);
          }
          tried(c.terms().hash(), Attempt.Kind.NO_ANSWER, attempt, cause.toString());
          return CompletableFuture.completedFuture(new Outcome.NoAnswer(c.terms().hash(), cause.toString()));
        });
  }

  private Outcome answered(final Committed c, final byte[] bytes) {
    final MatchTerms terms = c.terms().payload();
    final Bytes32 matchId = c.terms().hash();
    try {
      switch (AcceptWire.Response.decode(bytes)) {
        case AcceptWire.Response.Refused r -> {
          LOG.info("match {}: the maker refused, {} ({})", matchId.toHex(), r.reason(), r.detail());
          tried(matchId, Attempt.Kind.ACCEPT_REFUSED, 1, r.reason().name() + ": " + r.detail());
          return new Outcome.Refused(r.reason(), r.detail());
        }
        case AcceptWire.Response.Countersigned s -> {
          if (!terms.maker().verifyAsOnChain(c.terms().bytes(), s.makerSignature())) {
            tried(matchId, Attempt.Kind.ACCEPT_REFUSED, 1, "BAD_SIGNATURE: the maker's countersignature does not verify");
            return new Outcome.Refused(Rejection.BAD_SIGNATURE, "the maker's signature over the match terms");
          }
          final Signed<MatchTerms> match = Signed.of(terms, List.of(c.terms().signature(0), s.makerSignature()));
          store.append("match.countersigned", match.toWire(), List.of(new Event.Change(Column.MATCHES,
              matchId.bytes(), match.toWire()), new Event.Change(Column.PROPOSALS, matchId.bytes(), null)),
              Store.Durability.SYNCED);
          LOG.info("match {}: countersigned by {}", matchId.toHex(), terms.maker());
          matched.accept(match);
          return new Outcome.Matched(match);
        }
      }
    } catch (AcceptWire.Malformed e) {
      // a maker answering garbage may still hold our signature: keep the reservation until expiry
      tried(matchId, Attempt.Kind.NO_ANSWER, 1, "unreadable answer: " + e.getMessage());
      return new Outcome.NoAnswer(matchId, "unreadable answer: " + e.getMessage());
    } catch (StoreException e) {
      return new Outcome.NoAnswer(matchId, "cannot store the match: " + e.getMessage());
    }
  }

  /** Keeps an accept that did not end in a countersigned match in the match's attempts (best effort). */
  private void tried(final Bytes32 matchId, final Attempt.Kind kind, final int number, final String detail) {
    try {
      Attempts.record(store, new Attempt(matchId, kind, clock.getAsLong(), java.util.Optional.empty(), detail), number);
    } catch (StoreException e) {
      LOG.warn("match {}: cannot record the attempt: {}", matchId.toHex(), e.getMessage());
    }
  }
}
