package io.perpnet.node.rfq;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Cancel;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.Agreement;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.node.commit.NonceAllocator;
import io.perpnet.node.gossip.GossipService;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trader's RFQ engine: publishes an intent, collects the quotes that answer it until its quote
 * window ends (or takes the first acceptable one, when asked), ranks them by price (lowest for a
 * buyer, highest for a seller) then funding (lowest), and accepts them in that order up to the
 * intent's size, each fill its own match ({@link TraderDesk}). All state lives on the engine's
 * single thread.
 */
public final class TraderEngine {
  private static final Logger LOG = LoggerFactory.getLogger(TraderEngine.class);

  /**
   * What the agent asks for. Prices 6 decimals, sizes in base units, funding in ppm per 8 h.
   *
   * @param quoteWindowMs how long quotes are collected
   * @param firstAcceptable accept the first acceptable quote instead of waiting for the window
   * @param acceptLifetimeMs how long each accept (and its match terms) may be submitted
   */
  public record IntentRequest(int market, Side side, long size, long limitPrice, long minFill, int maxFundingPpm,
      int leverage, long lifetimeMs, long quoteWindowMs, boolean firstAcceptable, long acceptLifetimeMs) {}

  /** An intent on the network and the fills it will end with. */
  public record Placed(Signed<Intent> intent, CompletableFuture<List<TraderDesk.Outcome>> fills) {}

  private record Offer(Signed<Quote> quote, List<Multiaddr> addresses) {}

  private static final class Open {
    final Signed<Intent> intent;
    final IntentRequest request;
    final CompletableFuture<List<TraderDesk.Outcome>> fills = new CompletableFuture<>();
    final List<Offer> offers = new ArrayList<>();

    Open(final Signed<Intent> intent, final IntentRequest request) {
      this.intent = intent;
      this.request = request;
    }
  }

  private final Ed25519KeyPair self;
  private final Bytes32 program;
  private final NonceAllocator nonces;
  private final Store store;
  private final GossipService gossip;
  private final TraderDesk desk;
  private final LongSupplier clock;
  private final ScheduledExecutorService engine;
  private final Consumer<Signed<Quote>> collected;
  private final Map<Bytes32, Open> open = new HashMap<>();
  /** The intents withdrawn lately (the last 10,000), for whoever reports an intent's status. */
  private final java.util.Set<Bytes32> cancelled = java.util.Collections.synchronizedSet(java.util.Collections
      .newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<Bytes32, Boolean> eldest) {
          return size() > 10_000;
        }
      }));

  /** @param collected told of each acceptable quote collected (the event stream, tests) */
  public TraderEngine(final Ed25519KeyPair self, final Bytes32 program, final NonceAllocator nonces, final Store store,
      final GossipService gossip, final TraderDesk desk, final LongSupplier clock, final ScheduledExecutorService engine,
      final Consumer<Signed<Quote>> collected) {
    this.self = self;
    this.program = program;
    this.nonces = nonces;
    this.store = store;
    this.gossip = gossip;
    this.desk = desk;
    this.clock = clock;
    this.engine = engine;
    this.collected = collected;
  }

  /** Signs, stores and publishes an intent; its fills complete after the quote window. */
  public CompletableFuture<Placed> place(final IntentRequest r) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        final Header h = new Header(r.market(), program, clock.getAsLong() + r.lifetimeMs(),
            nonces.next(MessageType.INTENT, self.publicKey()));
        final Signed<Intent> intent = Signed.sign(new Intent(h, self.publicKey(), r.size(), r.limitPrice(), r.minFill(),
            r.maxFundingPpm(), r.leverage(), r.side()), self);
        store.append("intent.published", intent.toWire(), List.of(new Event.Change(Column.INTENTS,
            intent.hash().bytes(), intent.toWire())), Store.Durability.BUFFERED);
        final Open o = new Open(intent, r);
        open.put(intent.hash(), o);
        engine.schedule(() -> closeWindow(intent.hash()), r.quoteWindowMs(), TimeUnit.MILLISECONDS);
        gossip.publish(intent);
        LOG.info("intent {} published: {} {} of market {} at {}", intent.hash().toHex(), r.side(), r.size(), r.market(),
            r.limitPrice());
        return new Placed(intent, o.fills);
      } catch (StoreException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, engine);
  }

  /** A validated quote from gossip; returns at once. */
  public void onQuote(final GossipService.Received r) {
    engine.execute(() -> collect(r));
  }

  private void collect(final GossipService.Received r) {
    final Signed<Quote> quote = r.as(Quote.class);
    final Open o = open.get(quote.payload().intentHash());
    if (o == null) {
      return; // not ours, or its window has closed
    }
    try {
      Agreement.checkQuote(o.intent, quote);
    } catch (RejectedException e) {
      LOG.info("quote {} for intent {} not acceptable: {}", quote.hash().toHex(), o.intent.hash().toHex(), e.reason());
      return;
    }
    o.offers.add(new Offer(quote, r.envelope().addresses()));
    collected.accept(quote);
    if (o.request.firstAcceptable()) {
      closeWindow(o.intent.hash());
    }
  }

  /** Ends the quote window of an intent and accepts its best quotes; harmless if already closed. */
  public void closeWindow(final Bytes32 intentHash) {
    engine.execute(() -> {
      final Open o = open.remove(intentHash);
      if (o != null) {
        fill(o);
      }
    });
  }

  private void fill(final Open o) {
    final boolean buying = o.intent.payload().side() == Side.LONG;
    final Comparator<Offer> byPrice = Comparator.comparingLong(f -> f.quote().payload().price());
    final List<Offer> ranked = new ArrayList<>(o.offers);
    ranked.sort((buying ? byPrice : byPrice.reversed())
        .thenComparingInt(f -> f.quote().payload().fundingPpm()));
    long remaining = o.intent.payload().size();
    final List<CompletableFuture<TraderDesk.Outcome>> fills = new ArrayList<>();
    for (final Offer f : ranked) {
      final long size = Math.min(remaining, f.quote().payload().size());
      if (size == 0 || size < o.intent.payload().minFill()) {
        break;
      }
      fills.add(desk.accept(o.intent, f.quote(), f.addresses(), size, o.request.acceptLifetimeMs())
          .handle((outcome, e) -> e == null ? outcome
              : new TraderDesk.Outcome.Refused(io.perpnet.consensus.validation.Rejection.COMMITMENT_UNAVAILABLE,
                  e.toString())));
      remaining -= size;
    }
    LOG.info("intent {}: {} quotes, {} accepted", o.intent.hash().toHex(), ranked.size(), fills.size());
    CompletableFuture.allOf(fills.toArray(CompletableFuture[]::new))
        .whenComplete((v, e) -> o.fills.complete(fills.stream().map(CompletableFuture::join).toList()));
  }

  /** Whether this intent was withdrawn (by a cancel or a halt) before its window closed. */
  public boolean wasCancelled(final Bytes32 intentHash) {
    return cancelled.contains(intentHash);
  }

  /** Withdraws every open intent (a halt): the number cancelled. */
  public CompletableFuture<Integer> cancelAll() {
    return CompletableFuture.supplyAsync(() -> List.copyOf(open.keySet()), engine).thenCompose(ids -> {
      final List<CompletableFuture<Boolean>> all = ids.stream().map(this::cancel).toList();
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .thenApply(v -> (int) all.stream().filter(CompletableFuture::join).count());
    });
  }

  /** Withdraws an open intent: a signed Cancel is gossiped and no quote is accepted for it. */
  public CompletableFuture<Boolean> cancel(final Bytes32 intentHash) {
    return CompletableFuture.supplyAsync(() -> {
      final Open o = open.remove(intentHash);
      if (o == null) {
        return false;
      }
      try {
        final Header h = new Header(o.intent.payload().header().market(), program, o.intent.payload().header().expiryMs(),
            nonces.next(MessageType.CANCEL, self.publicKey()));
        gossip.publish(Signed.sign(new Cancel(h, self.publicKey(), intentHash), self));
      } catch (StoreException e) {
        LOG.warn("intent {}: withdrawn here, but no cancel gossiped: {}", intentHash.toHex(), e.getMessage());
      }
      cancelled.add(intentHash);
      o.fills.complete(List.of());
      LOG.info("intent {} cancelled", intentHash.toHex());
      return true;
    }, engine);
  }
}
