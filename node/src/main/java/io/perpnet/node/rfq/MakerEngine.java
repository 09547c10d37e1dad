package io.perpnet.node.rfq;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Signed;
import io.perpnet.node.commit.NonceAllocator;
import io.perpnet.node.gossip.GossipService;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maker's engine: each validated intent goes to the quoting strategy on the engine's thread;
 * a quote is signed with a fresh nonce, stored, and gossiped. Quotes are offers: what the maker
 * commits to is decided when a trader accepts ({@link MakerDesk}).
 */
public final class MakerEngine {
  private static final Logger LOG = LoggerFactory.getLogger(MakerEngine.class);

  private final CommitGate gate;
  private final Ed25519KeyPair self;
  private final NonceAllocator nonces;
  private final Store store;
  private final QuotingStrategy strategy;
  private final PriceSource prices;
  private final GossipService gossip;
  private final LongSupplier clock;
  private final Executor engine;

  public MakerEngine(final Ed25519KeyPair self, final NonceAllocator nonces, final Store store,
      final QuotingStrategy strategy, final PriceSource prices, final GossipService gossip, final LongSupplier clock,
      final Executor engine) {
    this(self, nonces, store, strategy, prices, gossip, clock, engine, CommitGate.OPEN);
  }

  /** @param gate asked before each quote is signed */
  public MakerEngine(final Ed25519KeyPair self, final NonceAllocator nonces, final Store store,
      final QuotingStrategy strategy, final PriceSource prices, final GossipService gossip, final LongSupplier clock,
      final Executor engine, final CommitGate gate) {
    this.gate = gate;
    this.self = self;
    this.nonces = nonces;
    this.store = store;
    this.strategy = strategy;
    this.prices = prices;
    this.gossip = gossip;
    this.clock = clock;
    this.engine = engine;
  }

  /** A validated intent from gossip; returns at once, the quote (if any) follows on the engine's thread. */
  public void onIntent(final Signed<Intent> intent) {
    engine.execute(() -> quote(intent));
  }

  private void quote(final Signed<Intent> intent) {
    final Intent i = intent.payload();
    if (i.trader().equals(self.publicKey())) {
      return;
    }
    try { // a trade request the agent may answer by hand: kept, and on the API's trade_request channel
      store.append("intent.seen", intent.toWire(), List.of(new Event.Change(Column.INTENTS, intent.hash().bytes(),
          intent.toWire())), Store.Durability.BUFFERED);
    } catch (StoreException e) {
      LOG.warn("intent {}: not stored: {}", intent.hash().toHex(), e.getMessage());
    }
    if (gate.halted().isPresent()) {
      return; // halted: no new quote
    }
    final OptionalLong price = prices.price(i.header().market());
    if (price.isEmpty()) {
      LOG.debug("intent {}: no price for market {}, not quoting", intent.hash().toHex(), i.header().market());
      return;
    }
    strategy.quote(intent, price.getAsLong()).ifPresent(t -> {
      try {
        send(intent, t);
      } catch (StoreException e) {
        LOG.warn("intent {}: not quoting, the store refused: {}", intent.hash().toHex(), e.getMessage());
      }
    });
  }

  /**
   * Quotes {@code intent} with terms chosen outside the strategy (an agent driving its node through
   * the API, say): signed with a fresh nonce, stored and gossiped on the engine's thread.
   */
  public CompletableFuture<Signed<Quote>> quote(final Signed<Intent> intent, final QuotingStrategy.Terms terms) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return send(intent, terms);
      } catch (StoreException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, engine);
  }

  private Signed<Quote> send(final Signed<Intent> intent, final QuotingStrategy.Terms t) throws StoreException {
    final java.util.Optional<String> halted = gate.halted();
    if (halted.isPresent()) {
      throw new java.util.concurrent.CompletionException(new io.perpnet.consensus.validation.RejectedException(
          io.perpnet.consensus.validation.Rejection.AGENT_HALTED, halted.get()));
    }
    final Intent i = intent.payload();
    final Header h = new Header(i.header().market(), i.header().program(), clock.getAsLong() + t.lifetimeMs(),
        nonces.next(MessageType.QUOTE, self.publicKey()));
    final Signed<Quote> quote = Signed.sign(new Quote(h, self.publicKey(), intent.hash(), t.price(), t.size(),
        t.fundingPpm(), t.leverage()), self);
    final Bytes32 id = quote.hash();
    store.append("quote.sent", quote.toWire(), List.of(new Event.Change(Column.QUOTES, id.bytes(), quote.toWire())),
        Store.Durability.BUFFERED);
    gossip.publish(quote);
    LOG.info("quote {} sent for intent {}: {} at {}", id.toHex(), intent.hash().toHex(), t.size(), t.price());
    return quote;
  }
}
