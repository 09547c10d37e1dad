package io.perpnet.node.oracle;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.InMemoryNonceRegistry;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.consensus.validation.ValidationContext;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.chain.ChainService;
import io.perpnet.node.commit.NonceAllocator;
import io.perpnet.node.config.RoleConfig;
import io.perpnet.node.gossip.GossipScreen;
import io.perpnet.node.gossip.GossipService;
import io.perpnet.node.gossip.Topics;
import io.perpnet.node.oracle.feed.Feeds;
import io.perpnet.node.oracle.feed.PriceFeed;
import io.perpnet.node.service.Service;
import io.perpnet.p2p.P2pNetwork;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prices of the markets followed: the prices topics (attestations validated by the consensus
 * rules, then screened against the chain's oracle set: a signer outside it is the sender's fault),
 * the pool of the newest attestations, and the paced post_prices of {@link PricePoster}. An oracle
 * also signs from its feed ({@link Attestor}); a keeper only posts, after every oracle's turn.
 * Signing and posting run on threads of their own, so a slow confirmation never delays a price.
 */
public final class OracleService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(OracleService.class);
  static final long TICK_MS = 250;
  static final long SET_REFRESH_MS = 10_000;

  /** What the service needs from the node. */
  public record Wiring(Ed25519KeyPair self, Bytes32 program, ChainService chain, Supplier<P2pNetwork> network,
      Supplier<NonceAllocator> nonces, boolean signs, RoleConfig.Oracle settings, LongSupplier clock) {}

  private final Wiring w;
  private final AttestationPool pool = new AttestationPool();
  private final OracleStats stats = new OracleStats();
  private final AtomicReference<OracleSet> set = new AtomicReference<>();
  private ScheduledExecutorService signing;
  private ScheduledExecutorService posting;
  private GossipService gossip;

  public OracleService(final Wiring wiring) {
    this.w = wiring;
  }

  @Override
  public String name() {
    return "oracle";
  }

  @Override
  public void start() throws Exception {
    final Map<Integer, MarketParams> markets = w.chain().markets();
    refreshSet();
    gossip = new GossipService(w.network(), w.program(), markets, Topics.PRICES, new MessageValidator(
        new ValidationContext(w.program(), markets, ValidationContext.DEFAULT_MAX_LIFETIME_MS,
            new InMemoryNonceRegistry())), this::screen, w.clock(), r -> pool.add(r.as(PriceAttestation.class)));
    gossip.start();
    final RoleConfig.Oracle o = w.settings();
    posting = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("oracle-post").factory());
    final PricePoster poster = new PricePoster(w.chain(), w.self(), w.program(), markets.keySet(), pool,
        () -> Optional.ofNullable(set.get()), new PostingPolicy(o.intervalMs(), o.moveBps(),
            Math.max(1_000, o.intervalMs() / 2)), w.clock(), stats, o.intervalMs());
    posting.scheduleWithFixedDelay(guarded(poster::tick), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    posting.scheduleWithFixedDelay(guarded(this::refreshSet), SET_REFRESH_MS, SET_REFRESH_MS, TimeUnit.MILLISECONDS);
    if (w.signs()) {
      final PriceFeed feed = Feeds.open(o, w.clock());
      final Map<Integer, String> symbols = new HashMap<>();
      markets.forEach((id, m) -> symbols.put(id, m.symbol()));
      final Attestor attestor = new Attestor(w.self(), w.program(), symbols, feed,
          new OracleGuard(symbols.values().stream().collect(java.util.stream.Collectors.toSet()), o.maxSourceAgeMs(),
              o.maxJumpBps()), w.nonces().get(), o.intervalMs(), o.moveBps(), w.clock(), this::publish, stats);
      signing = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("oracle-sign").factory());
      signing.scheduleWithFixedDelay(guarded(() -> {
        final OracleSet s = set.get();
        if (s != null && s.contains(w.self().publicKey())) {
          attestor.tick();
        }
      }), 0, TICK_MS, TimeUnit.MILLISECONDS);
      LOG.info("oracle signing {} from {}", symbols.values(), feed.describe());
    }
  }

  private void publish(final Signed<PriceAttestation> a) {
    pool.add(a);
    gossip.publish(a).exceptionally(e -> {
      LOG.debug("price attestation not gossiped: {}", e.toString());
      return null;
    });
  }

  private GossipScreen.Refusal screen(final Signed<io.perpnet.consensus.message.Payload> m) {
    final OracleSet s = set.get();
    if (s == null) {
      return new GossipScreen.Refusal("NO_ORACLE_SET", false);
    }
    final PriceAttestation a = (PriceAttestation) m.payload();
    return s.contains(a.oracle()) ? null : new GossipScreen.Refusal("UNKNOWN_ORACLE", true);
  }

  private void refreshSet() {
    try {
      w.chain().client().config().map(OracleSet::of).ifPresent(s -> {
        final OracleSet before = set.getAndSet(s);
        if (before == null || before.epoch() != s.epoch()) {
          LOG.info("oracle set epoch {}: {} of {}{}", s.epoch(), s.threshold(), s.oracles().size(),
              w.signs() && !s.contains(w.self().publicKey()) ? " (this node is not in it: it will not sign)" : "");
        }
      });
    } catch (RpcError e) {
      LOG.warn("cannot read the oracle set: {}", e.getMessage());
    }
  }

  private static Runnable guarded(final Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.warn("oracle tick failed: {}", e.toString(), e);
      }
    };
  }

  public OracleStats stats() {
    return stats;
  }

  public AttestationPool pool() {
    return pool;
  }

  @Override
  public void stop() {
    if (signing != null) {
      signing.shutdownNow();
    }
    if (posting != null) {
      posting.shutdownNow();
    }
    if (gossip != null) {
      gossip.stop();
    }
  }
}
