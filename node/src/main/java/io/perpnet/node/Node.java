package io.perpnet.node;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.node.chain.ChainService;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.metrics.MetricsService;
import io.perpnet.node.metrics.NodeMetrics;
import io.perpnet.node.rfq.RfqService;
import io.perpnet.node.rfq.SpreadStrategy;
import io.perpnet.node.rfq.TraderEngine;
import io.perpnet.node.service.NetworkService;
import io.perpnet.node.service.Service;
import io.perpnet.node.service.Services;
import io.perpnet.node.service.StoreService;
import io.perpnet.node.store.Store;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's node: composes its services and stops them in reverse. The store first (a second
 * node on the same data directory is refused before anything else starts), then the network, the
 * chain (waits for the RPC endpoint, the escrow and the markets), the RFQ engines, and the
 * submitter of countersigned matches. The facade the agent API and the tests drive.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private final NodeConfig config;
  private final Ed25519KeyPair identity;
  private final StoreService store;
  private final NetworkService network;
  private final ChainService chain;
  private final RfqService rfq;
  private final NodeMetrics metrics = new NodeMetrics();
  private final Optional<MetricsService> metricsService;
  private final Map<Bytes32, CompletableFuture<Submitter.Outcome>> submissions = new ConcurrentHashMap<>();
  private final java.util.concurrent.ScheduledExecutorService submitThread =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("chain-submit").factory());
  private final List<Service> servicesList;
  private volatile Submitter submitter;
  private volatile Services services;
  private volatile Thread starting;
  private final CompletableFuture<Void> startEnded = new CompletableFuture<>();

  private Node(final NodeConfig config, final Ed25519KeyPair identity) {
    this.config = config;
    this.identity = identity;
    this.store = new StoreService(config.dataDir(), metrics::event);
    this.metricsService = config.metrics().map(a -> new MetricsService(metrics, a));
    this.network = new NetworkService(config, identity);
    this.chain = new ChainService(config.rpcUrl().toString(), config.programId(), config.markets(),
        identity.publicKey(), Duration.ofSeconds(10));
    this.rfq = new RfqService(() -> new RfqService.Wiring(identity, Bytes32.wrap(config.programId()), chain.markets(),
        config.limits(), config.roles(), store.store(), network.network(), chain::freeCollateral, chain::price,
        new SpreadStrategy(config.makerSpreadBps(), Long.MAX_VALUE / 4, 0, config.limits().maxLeverage(), 10_000),
        System::currentTimeMillis, () -> System.currentTimeMillis() * 1000, q -> {}, this::submit));
    final Node self = this;
    final Service submit = new Service() {
      @Override
      public String name() {
        return "submitter";
      }

      @Override
      public void start() throws Exception {
        self.submitter = new Submitter(chain, identity, config.priorityFee(), rfq.book(), store.store(),
            System::currentTimeMillis, submitThread);
        self.resumeSubmissions();
        submitThread.scheduleWithFixedDelay(new io.perpnet.node.chain.PositionFollower(chain, rfq.book(), store.store()),
            2, 2, java.util.concurrent.TimeUnit.SECONDS);
      }

      @Override
      public void stop() {
        submitThread.shutdownNow();
      }
    };
    metrics.gossip(() -> rfq.gossip() == null ? null : rfq.gossip().counters());
    metrics.peers(() -> network.network() == null ? 0 : network.network().connectedPeers().size());
    final java.util.ArrayList<Service> all = new java.util.ArrayList<>(List.of(store, network, chain, rfq, submit));
    metricsService.ifPresent(all::add);
    this.servicesList = List.copyOf(all);
  }

  /** A node not started yet: {@link #start()} it (a shutdown hook may {@link #close()} it meanwhile). */
  public static Node create(final NodeConfig config, final Ed25519KeyPair identity) {
    return new Node(config, identity);
  }

  public static Node start(final NodeConfig config, final Ed25519KeyPair identity) throws Exception {
    final Node node = create(config, identity);
    node.start();
    return node;
  }

  /**
   * Starts the services in order, on the calling thread; a {@link #close()} meanwhile stops the
   * ones started and makes this throw {@link InterruptedException}.
   */
  public void start() throws Exception {
    starting = Thread.currentThread();
    try {
      services = Services.start(servicesList);
      LOG.info("node started: peer {}, data {}, listening on {}", peerId(), config.dataDir(), listenAddresses());
    } finally {
      starting = null;
      startEnded.complete(null);
    }
  }

  /**
   * After a restart: every match we countersigned whose position we have not seen open and whose
   * terms have not expired is submitted again (harmless if it is open already).
   */
  private void resumeSubmissions() throws Exception {
    final long now = System.currentTimeMillis();
    for (final var r : rfq.book().unopened()) {
      if (r.expiryMs() <= now) {
        continue; // the reaper releases it
      }
      final var stored = store.store().get(io.perpnet.node.store.Column.MATCHES, r.matchId().bytes());
      if (stored.isPresent()) {
        LOG.info("match {}: resuming its submission after a restart", r.matchId().toHex());
        submit(Signed.decode(stored.get(), MatchTerms.class));
      }
    }
  }

  private void submit(final Signed<MatchTerms> match) {
    final Submitter s = submitter;
    if (s != null) {
      final long start = System.nanoTime();
      submissions.put(match.hash(), s.submit(match).whenComplete((o, e) -> metrics.submitted(
          o instanceof Submitter.Outcome.Opened ? "opened" : "expired", Duration.ofNanos(System.nanoTime() - start))));
    }
  }

  /** The submission of a match this node countersigned (as trader or maker), if there is one. */
  public CompletableFuture<Submitter.Outcome> submission(final Bytes32 matchId) {
    return submissions.getOrDefault(matchId, CompletableFuture.failedFuture(
        new IllegalArgumentException("no submission for match " + matchId.toHex())));
  }

  /** Closes our position of {@code match} at the oracle mark price. */
  public CompletableFuture<io.perpnet.escrow.client.EscrowAccounts.Position> closeAtMark(final Signed<MatchTerms> match) {
    final Submitter s = submitter;
    return s == null ? CompletableFuture.failedFuture(new IllegalStateException("the node is not started"))
        : s.closeAtMark(match);
  }

  /**
   * Proposes to the other party closing our position of {@code match} at {@code price} (6 decimals),
   * valid 30 s; with its signature the node closes it on chain. Fails with the other party's
   * refusal (its stable code) if it does not sign.
   */
  public CompletableFuture<io.perpnet.escrow.client.EscrowAccounts.Position> closeMutual(
      final Signed<MatchTerms> match, final long price) {
    try {
      final MatchTerms m = match.payload();
      final var self = identity.publicKey();
      final var other = self.equals(m.trader()) ? m.maker() : m.trader();
      final var terms = new io.perpnet.consensus.message.CloseTerms(new io.perpnet.consensus.message.Header(
          m.header().market(), m.header().program(), System.currentTimeMillis() + 30_000,
          rfq.nonces().next(io.perpnet.consensus.message.MessageType.CLOSE_TERMS, self)), match.hash(), m.trader(),
          m.maker(), price, m.size());
      final byte[] termBytes = io.perpnet.consensus.message.Messages.encode(terms);
      final byte[] ours = identity.sign(termBytes);
      return network.network().request(PeerId.of(other), io.perpnet.node.rfq.CloseDesk.PROTOCOL,
          io.perpnet.node.rfq.CloseDesk.request(terms, ours)).thenCompose(bytes -> {
            try {
              final var answer = io.perpnet.node.rfq.AcceptWire.Response.decode(bytes);
              if (answer instanceof io.perpnet.node.rfq.AcceptWire.Response.Refused r) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                    "the other party refused the close: " + r.reason() + " (" + r.detail() + ")"));
              }
              final byte[] theirs = ((io.perpnet.node.rfq.AcceptWire.Response.Countersigned) answer).makerSignature();
              if (!other.verifyAsOnChain(termBytes, theirs)) {
                return CompletableFuture.failedFuture(new IllegalStateException("its signature over the close does not verify"));
              }
              return submitter.closeMutual(match, io.perpnet.node.rfq.CloseDesk.both(terms, self, ours, theirs));
            } catch (io.perpnet.node.rfq.AcceptWire.Malformed e) {
              return CompletableFuture.failedFuture(e);
            }
          });
    } catch (io.perpnet.node.store.StoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** What this node has committed to (reservations by match id). */
  public io.perpnet.node.commit.StoredReservations reservations() {
    return rfq.book();
  }

  public TraderEngine trader() {
    return rfq.trader();
  }

  public PeerId peerId() {
    return network.network().peerId();
  }

  public List<Multiaddr> listenAddresses() {
    return network.network().listenAddresses();
  }

  public Store store() {
    return store.store();
  }

  public P2pNetwork network() {
    return network.network();
  }

  /** The metrics endpoint's port, when there is one. */
  public java.util.OptionalInt metricsPort() {
    return metricsService.map(m -> java.util.OptionalInt.of(m.port())).orElse(java.util.OptionalInt.empty());
  }

  public ChainService chain() {
    return chain;
  }

  public NodeConfig config() {
    return config;
  }

  @Override
  public void close() {
    final Thread t = starting;
    if (t != null) { // still starting (waiting for the chain, say): stop that, and let it undo what it started
      chain.stop();
      t.interrupt();
      startEnded.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
    final Services s = services;
    if (s != null) {
      s.close();
    }
    LOG.info("node stopped");
  }
}
