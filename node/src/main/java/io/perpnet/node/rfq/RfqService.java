package io.perpnet.node.rfq;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.InMemoryNonceRegistry;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.consensus.validation.ValidationContext;
import io.perpnet.node.commit.NonceAllocator;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.gossip.GossipService;
import io.perpnet.node.service.Service;
import io.perpnet.node.store.Store;
import io.perpnet.p2p.P2pNetwork;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The RFQ part of a node: its gossip (validated intents, quotes, cancels), the trader engine and
 * desk, and, for a maker, the maker engine and the accept protocol. Each side runs on a thread of
 * its own; the network's threads only hand messages over.
 */
public final class RfqService implements Service {
  /** What the service needs from the rest of the node. */
  public record Wiring(Ed25519KeyPair self, Bytes32 program, Map<Integer, MarketParams> markets,
      java.util.function.Supplier<AgentLimits> limits,
      Set<Role> roles, Store store, P2pNetwork network, MakerDesk.Collateral collateral, PriceSource prices,
      QuotingStrategy strategy, LongSupplier clock, LongSupplier micros, Consumer<Signed<Quote>> quoteCollected,
      Consumer<Signed<io.perpnet.consensus.message.MatchTerms>> matched, CommitGate gate) {}
  // matched: each match this node countersigned, as trader or as maker (both submit it; twice is harmless)

  private final java.util.function.Supplier<Wiring> wiring;
  private Wiring w;
  private StoredReservations book;
  private NonceAllocator nonces;
  /** A mutual close at most this far from the oracle mark, against us, is signed. */
  static final int CLOSE_TOLERANCE_BPS = 50;
  private ScheduledExecutorService traderThread;
  private ExecutorService makerThread;
  private GossipService gossip;
  private TraderEngine trader;
  private MakerEngine maker;

  public RfqService(final Wiring wiring) {
    this(() -> wiring);
  }

  /** With wiring known only at start (the markets come from the chain service, started before). */
  public RfqService(final java.util.function.Supplier<Wiring> wiring) {
    this.wiring = wiring;
  }

  @Override
  public String name() {
    return "rfq";
  }

  @Override
  public void start() throws Exception {
    w = wiring.get();
    traderThread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("rfq-trader").factory());
    makerThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("rfq-maker").factory());
    nonces = new NonceAllocator(w.store(), w.micros());
    book = new StoredReservations(w.store());
    final MessageValidator rules = new MessageValidator(new ValidationContext(w.program(), w.markets(),
        ValidationContext.DEFAULT_MAX_LIFETIME_MS, new InMemoryNonceRegistry()));
    gossip = new GossipService(w::network, w.program(), w.markets(), rules, w.clock(), this::route);
    final TraderDesk desk = new TraderDesk(w.self(), w.markets(), nonces, book, w.store(), w.limits(), w.collateral(),
        w.network(), w.clock(), traderThread, w.matched(), w.gate());
    trader = new TraderEngine(w.self(), w.program(), nonces, w.store(), gossip, desk, w.clock(), traderThread,
        w.quoteCollected());
    if (w.roles().contains(Role.MAKER)) {
      maker = new MakerEngine(w.self(), nonces, w.store(), w.strategy(), w.prices(), gossip, w.clock(), makerThread,
          w.gate());
      // every commitment decision (as maker or trader) runs on the trader's thread: one book, one decision at a time
      w.network().serve(AcceptWire.PROTOCOL, new MakerDesk(w.self(), w.program(), w.markets(), w.clock(), book,
          w.limits(), w.collateral(), traderThread, w.matched(), w.gate()));
    }
    w.network().serve(CloseDesk.PROTOCOL, new CloseDesk(w.self(), w.store(), w.prices()::price, CLOSE_TOLERANCE_BPS,
        w.clock(), traderThread));
    gossip.start();
  }

  /** On the network thread: hand each validated message to its engine. */
  private void route(final GossipService.Received r) {
    final MessageType type = r.message().payload().type();
    if (type == MessageType.INTENT && maker != null) {
      maker.onIntent(r.as(Intent.class));
    } else if (type == MessageType.QUOTE) {
      trader.onQuote(r);
    }
  }

  public TraderEngine trader() {
    return trader;
  }

  /** The maker engine (null unless the node has the maker role). */
  public MakerEngine maker() {
    return maker;
  }

  /** The nonces this node signs with. */
  public NonceAllocator nonces() {
    return nonces;
  }

  /** The reservations both desks commit against (shared with whoever marks positions opened). */
  public StoredReservations book() {
    return book;
  }

  public GossipService gossip() {
    return gossip;
  }

  @Override
  public void stop() {
    gossip.stop();
    traderThread.shutdownNow();
    makerThread.shutdownNow();
  }
}
