package io.perpnet.node.rfq;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.commitment.CommitmentRule;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Messages;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.Agreement;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.StoreException;
import io.perpnet.p2p.reqresp.RequestResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maker's side of the accept protocol: re-validates what the trader sends (cheapest first:
 * decoding, our quote, program and market, expiry, then signatures), derives the match terms,
 * checks the trader's signature over them as the chain will, applies the commitment rule, persists
 * the reservation and the signed match in one fsync'd event, and only then answers with its
 * signature. Decisions run one at a time on {@code desk}, so two accepts of one quote cannot both
 * pass the size check. The same request again gets the same answer: signed terms are signed again
 * (Ed25519 is deterministic), refusals are remembered for as long as the accept is valid.
 */
public final class MakerDesk implements RequestResponse.Responder {
  private static final Logger LOG = LoggerFactory.getLogger(MakerDesk.class);
  private static final int MAX_REMEMBERED_REFUSALS = 10_000;
  /** Accept requests answered per peer and second (with an equal burst); more are refused unread. */
  static final int MAX_REQUESTS_PER_SECOND = 500;
  private static final int MAX_TRACKED_PEERS = 10_000;

  /** Free collateral of our margin account, USDC base units (from the chain). */
  @FunctionalInterface
  public interface Collateral {
    long free();
  }

  private final CommitGate gate;
  private final Ed25519KeyPair self;
  private final Bytes32 program;
  private final Map<Integer, MarketParams> markets;
  private final LongSupplier clock;
  private final StoredReservations book;
  private final java.util.function.Supplier<AgentLimits> limits;
  private final Collateral collateral;
  private final Executor desk;
  private final java.util.function.Consumer<Signed<MatchTerms>> countersigned;
  private record Bucket(double tokens, long at) {}

  private final Map<PeerId, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(final Map.Entry<PeerId, Bucket> eldest) {
      return size() > MAX_TRACKED_PEERS;
    }
  };
  private final Map<Bytes32, AcceptWire.Response> refusals = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(final Map.Entry<Bytes32, AcceptWire.Response> eldest) {
      return size() > MAX_REMEMBERED_REFUSALS;
    }
  };

  /** @param countersigned told of each match newly countersigned (persisted), on the desk's thread: to submit it too */
  public MakerDesk(final Ed25519KeyPair self, final Bytes32 program, final Map<Integer, MarketParams> markets,
      final LongSupplier clock, final StoredReservations book, final AgentLimits limits, final Collateral collateral,
      final Executor desk, final java.util.function.Consumer<Signed<MatchTerms>> countersigned) {
    this(self, program, markets, clock, book, () -> limits, collateral, desk, countersigned, CommitGate.OPEN);
  }

  /**
   * @param limits the agent's limits as they are now (they may change at run time)
   * @param gate asked before a new countersignature (an accept answered before is answered again)
   */
  public MakerDesk(final Ed25519KeyPair self, final Bytes32 program, final Map<Integer, MarketParams> markets,
      final LongSupplier clock, final StoredReservations book, final java.util.function.Supplier<AgentLimits> limits,
      final Collateral collateral,
      final Executor desk, final java.util.function.Consumer<Signed<MatchTerms>> countersigned, final CommitGate gate) {
    this.gate = gate;
    this.self = self;
    this.program = program;
    this.markets = Map.copyOf(markets);
    this.clock = clock;
    this.book = book;
    this.limits = limits;
    this.collateral = collateral;
    this.desk = desk;
    this.countersigned = countersigned;
  }

  @Override
  public CompletableFuture<byte[]> respond(final PeerId peer, final byte[] request) {
    return CompletableFuture.supplyAsync(() -> answer(peer, request).encode(), desk);
  }

  AcceptWire.Response answer(final PeerId peer, final byte[] bytes) {
    if (!takeToken(peer)) {
      // before any decoding or signature check: a flood costs a counter
      return new AcceptWire.Response.Refused(Rejection.TOO_MANY_REQUESTS, MAX_REQUESTS_PER_SECOND + " per second");
    }
    final Bytes32 requestId = Bytes32.sha256(bytes);
    final AcceptWire.Response remembered = refusals.get(requestId);
    if (remembered != null) {
      return remembered;
    }
    try {
      final AcceptWire.Response r = decide(AcceptWire.Request.decode(bytes));
      LOG.info("accept from {}: countersigned", peer);
      return r;
    } catch (AcceptWire.Malformed e) {
      return refuse(requestId, peer, e.reason(), e.getMessage());
    } catch (RejectedException e) {
      return refuse(requestId, peer, e.reason(), e.getMessage());
    } catch (Halted e) {
      // not remembered: the halt may be lifted while the accept is still valid
      LOG.info("accept from {}: refused, {}", peer, e.getMessage());
      return new AcceptWire.Response.Refused(Rejection.AGENT_HALTED, e.getMessage());
    } catch (StoreException e) {
      // nothing was signed: the trader may retry
      LOG.error("accept from {}: cannot persist the reservation: {}", peer, e.getMessage());
      return new AcceptWire.Response.Refused(Rejection.COMMITMENT_UNAVAILABLE, "the maker cannot persist its commitment");
    }
  }

  private boolean takeToken(final PeerId peer) {
    final long now = clock.getAsLong();
    final Bucket b = buckets.getOrDefault(peer, new Bucket(MAX_REQUESTS_PER_SECOND, now));
    final double tokens = Math.min(MAX_REQUESTS_PER_SECOND, b.tokens() + (now - b.at()) * MAX_REQUESTS_PER_SECOND / 1000.0);
    if (tokens < 1) {
      buckets.put(peer, new Bucket(tokens, now));
      return false;
    }
    buckets.put(peer, new Bucket(tokens - 1, now));
    return true;
  }

  private AcceptWire.Response refuse(final Bytes32 requestId, final PeerId peer, final Rejection reason,
      final String detail) {
    LOG.info("accept from {}: refused {} ({})", peer, reason, detail);
    final AcceptWire.Response r = new AcceptWire.Response.Refused(reason, detail);
    refusals.put(requestId, r);
    return r;
  }

  private AcceptWire.Response decide(final AcceptWire.Request req) throws RejectedException, StoreException {
    final Signed<Intent> intent = Signed.decode(req.intent(), Intent.class);
    final Signed<Quote> quote = Signed.decode(req.quote(), Quote.class);
    final Signed<Accept> accept = Signed.decode(req.accept(), Accept.class);
    if (!quote.payload().maker().equals(self.publicKey())) {
      throw new RejectedException(Rejection.NOT_A_PARTY, "the quote is not ours");
    }
    if (!quote.payload().header().program().equals(program)) {
      throw new RejectedException(Rejection.WRONG_PROGRAM, "program " + quote.payload().header().program());
    }
    final MarketParams market = markets.get(quote.payload().header().market());
    if (market == null) {
      throw new RejectedException(Rejection.UNKNOWN_MARKET, "market " + quote.payload().header().market());
    }
    final long now = clock.getAsLong();
    if (now >= quote.payload().header().expiryMs() || now >= accept.payload().header().expiryMs()) {
      throw new RejectedException(Rejection.EXPIRED, "quote or accept expired, now " + now);
    }
    if (!intent.verify() || !quote.verify() || !accept.verify()) {
      throw new RejectedException(Rejection.BAD_SIGNATURE, "intent, quote or accept");
    }
    final MatchTerms terms = Agreement.derive(intent, quote, accept, market);
    final byte[] termBytes = Messages.encode(terms);
    if (!terms.trader().verifyAsOnChain(termBytes, req.traderSignature())) {
      throw new RejectedException(Rejection.BAD_SIGNATURE, "the trader's signature over the match terms");
    }
    final byte[] makerSignature = self.sign(termBytes);
    final Signed<MatchTerms> match = Signed.of(terms, List.of(req.traderSignature(), makerSignature));
    switch (CommitmentRule.decide(self.publicKey(), match, intent, quote, market, book, limits.get(), collateral.free())) {
      case CommitmentRule.Decision.Refuse r -> throw new RejectedException(r.reason(), r.detail());
      case CommitmentRule.Decision.AlreadyCommitted a -> {
        return new AcceptWire.Response.Countersigned(makerSignature);
      }
      case CommitmentRule.Decision.Sign s -> {
        final java.util.Optional<String> halted = gate.halted();
        if (halted.isPresent()) {
          throw new Halted(halted.get());
        }
        // on disk, fsync'd, before the signature leaves
        book.add(s.reservation(), List.of(new Event.Change(Column.MATCHES, match.hash().bytes(), match.toWire())));
        countersigned.accept(match);
        return new AcceptWire.Response.Countersigned(makerSignature);
      }
    }
  }

  /** The agent halted: refused now, not for good. */
  private static final class Halted extends RuntimeException {
    Halted(final String why) {
      super(why, null, false, false);
    }
  }
}
