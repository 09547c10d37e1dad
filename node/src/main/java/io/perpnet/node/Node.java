package io.perpnet.node;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Quote;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.api.ApiService;
import io.perpnet.node.chain.ChainService;
import io.perpnet.node.risk.RiskService;
import io.perpnet.node.risk.Switches;
import io.perpnet.node.chain.OpenPosition;
import io.perpnet.node.rfq.MakerEngine;
import io.perpnet.node.rfq.QuotingStrategy;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.EventFeed;
import io.perpnet.node.store.StoreException;
import java.util.function.Consumer;
import io.perpnet.node.chain.PositionWatch;
import io.perpnet.node.chain.SubmitService;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.metrics.MetricsService;
import io.perpnet.node.metrics.NodeMetrics;
import io.perpnet.node.rfq.MutualClose;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's node: composes its services and stops them in reverse. The store first (a second
 * node on the same data directory is refused before anything else starts), then the metrics
 * endpoint (so a node waiting for the chain can be watched), the network, the chain (waits for
 * the RPC endpoint, the escrow and the markets), the risk controls (the switches read back before
 * any commitment), the RFQ engines, the submission of matches, the watch of our accounts on chain,
 * the {@link RoleServices} (oracle, liquidator, keeper), and last the agent API, which drives this
 * facade as the tests do.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private final NodeConfig config;
  private final Ed25519KeyPair identity;
  private final NodeMetrics metrics = new NodeMetrics();
  private final StoreService store;
  private final NetworkService network;
  private final ChainService chain;
  private final RfqService rfq;
  private final SubmitService submit;
  private final PositionWatch watch;
  private final RiskService risk;
  private final Optional<ApiService> api;
  private final RoleServices roles;
  private final Optional<MetricsService> metricsService;
  private final List<Service> all;
  private final CompletableFuture<Void> startEnded = new CompletableFuture<>();
  private volatile Services services;
  private final io.perpnet.node.chain.PositionCache positionCache = new io.perpnet.node.chain.PositionCache();
  private volatile Thread starting;

  private Node(final NodeConfig config, final Ed25519KeyPair identity, final QuotingStrategy strategy) {
    this.config = config;
    this.identity = identity;
    this.store = new StoreService(config.dataDir(), metrics::event);
    this.network = new NetworkService(config, identity);
    this.chain = new ChainService(config.rpcUrl().toString(), config.programId(), config.markets(),
        identity.publicKey(), Duration.ofSeconds(10));
    this.risk = new RiskService(store::store, this::cancelOpen, new io.perpnet.node.risk.TriggerWatch.Positions() {
      @Override
      public List<OpenPosition> open() throws Exception {
        return positions();
      }

      @Override
      public CompletableFuture<?> closeAtMark(final OpenPosition p) {
        return Node.this.closeAtMark(p.match());
      }
    }, chain::price, new io.perpnet.node.risk.Breakers.Settings(config.risk().maxDailyLoss(),
        config.risk().lossStreak(), config.risk().lossStreakCooldownMs(), config.risk().bigLossPauseMs()),
        config.limits(), config.risk().maxMarketExposure());
    chain.onMargin(m -> {
      final var b = risk.breakers();
      if (b != null) {
        b.marginSeen(m);
      }
    });
    this.submit = new SubmitService(chain, identity, config.priorityFee(), this::reservations, store::store, metrics);
    this.rfq = new RfqService(() -> new RfqService.Wiring(identity, Bytes32.wrap(config.programId()), chain.markets(),
        this::limits, config.signingRoles(), store.store(), network.network(), chain::freeCollateral, chain::price,
        strategy,
        System::currentTimeMillis, () -> System.currentTimeMillis() * 1000, q -> {}, submit::submit, risk));
    this.watch = new PositionWatch(chain, config.wsUrl(), identity.publicKey(), this::reservations, store::store);
    this.metricsService = config.metrics().map(a -> new MetricsService(metrics, a));
    metrics.gossip(() -> rfq.gossip() == null ? null : rfq.gossip().counters());
    metrics.peers(() -> network.network() == null ? 0 : network.network().connectedPeers().size());
    // metrics right after the store: a node still waiting for the chain can be watched
    final List<Service> list = new ArrayList<>(List.of(store));
    metricsService.ifPresent(list::add);
    list.addAll(List.of(network, chain, risk, rfq, submit, watch,
        new io.perpnet.node.fills.FillService(store::store, chain, identity.publicKey(), System::currentTimeMillis)));
    this.roles = RoleServices.of(config, identity, chain, network::network, rfq::nonces);
    list.addAll(roles.services());
    roles.oracle().ifPresent(o -> metrics.oracle(o.stats()));
    roles.liquidator().ifPresent(l -> {
      metrics.liquidator(l.stats());
      l.addAttemptListener(new io.perpnet.node.liquidator.LiquidationLog(store::store)::record);
    });
    this.api = config.api().listen().map(a -> new ApiService(this, config.api()));
    api.ifPresent(list::add);
    this.all = List.copyOf(list);
  }

  /** A node not started yet: {@link #start()} it (a shutdown hook may {@link #close()} it meanwhile). */
  public static Node create(final NodeConfig config, final Ed25519KeyPair identity) {
    return create(config, identity, defaultStrategy(config));
  }

  /** With the agent's own quoting strategy (a maker; the default quotes the configured spread). */
  public static Node create(final NodeConfig config, final Ed25519KeyPair identity, final QuotingStrategy strategy) {
    return new Node(config, identity, strategy);
  }

  /**
   * The configured spread around the oracle, the intent's whole size, no funding, for 10 s; with
   * {@code maker-quotes = "agent"}, none: the agent quotes through the API.
   */
  public static QuotingStrategy defaultStrategy(final NodeConfig config) {
    if (config.agentQuotes()) {
      return (intent, price) -> java.util.Optional.empty();
    }
    return new SpreadStrategy(config.makerSpreadBps(), Long.MAX_VALUE / 4, 0, config.limits().maxLeverage(), 10_000);
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
      services = Services.start(all);
      LOG.info("node started: peer {}, data {}, listening on {}", peerId(), config.dataDir(), listenAddresses());
    } finally {
      starting = null;
      startEnded.complete(null);
    }
  }

  /** The submission of a match this node countersigned (as trader or maker), if there is one. */
  public CompletableFuture<Submitter.Outcome> submission(final Bytes32 matchId) {
    return submit.submission(matchId);
  }

  /** Every match this node signed, countersigned or only proposed, with its state and the attempts that failed. */
  public io.perpnet.node.matches.MatchBook matches() {
    return new io.perpnet.node.matches.MatchBook(store(), this::submission, id -> reservations().find(id).isPresent(),
        m -> chain().client().position(m).isPresent(), System::currentTimeMillis);
  }

  /** Closes our position of {@code match} at the oracle mark price. */
  public CompletableFuture<EscrowAccounts.Position> closeAtMark(final Signed<MatchTerms> match) {
    return submit.closeAtMark(match);
  }

  /**
   * Proposes to the other party closing our position of {@code match} at {@code price} (6
   * decimals); with its signature the node closes it on chain. Fails with the other party's
   * refusal (its stable code) if it does not sign.
   */
  public CompletableFuture<EscrowAccounts.Position> closeMutual(final Signed<MatchTerms> match, final long price) {
    return new MutualClose(identity, rfq.nonces(), network.network(), System::currentTimeMillis).propose(match, price)
        .thenCompose(close -> submit.closeMutual(match, close));
  }

  /** Our positions seen open on chain, as the store mirrors them (kept current by the {@link #watch()}). */
  public List<OpenPosition> positions() throws StoreException {
    return positionCache.get(store.store(), identity.publicKey());
  }

  /** Moves {@code amount} USDC base units from our token account {@code source} into our margin account. */
  public String deposit(final org.p2p.solanaj.core.PublicKey source, final long amount) throws RpcError {
    return chain.client().deposit(identity, source, amount);
  }

  /** Moves {@code amount} of free collateral out to the token account {@code destination}. */
  public String withdraw(final org.p2p.solanaj.core.PublicKey destination, final long amount) throws RpcError {
    risk.breakers().withdrew(amount); // before: its margin notification must not look like a loss
    try {
      return chain.client().withdraw(identity, destination, amount);
    } catch (RpcError | RuntimeException e) {
      risk.breakers().withdrew(-amount);
      throw e;
    }
  }

  /** Our wallet outside the escrow: SOL, USDC token accounts, transfers to other agents. */
  public io.perpnet.node.chain.Wallet wallet() {
    return new io.perpnet.node.chain.Wallet(chain, identity, config.usdcMint());
  }

  /** Our margin account as the chain holds it now (empty: none yet). */
  public Optional<EscrowAccounts.Margin> balance() throws RpcError {
    return chain.client().margin(new org.p2p.solanaj.core.PublicKey(identity.publicKey().bytes()));
  }

  /**
   * The event log from sequence {@code from} (1: all of it), then each new event as it is
   * written; the consumer must be quick and must not write to the store. Close it to stop.
   */
  public EventFeed events(final long from, final Consumer<Event> consumer) throws StoreException {
    return store.store().follow(from, consumer);
  }

  /** Quotes an intent with terms the agent chose (a maker node; its strategy quotes the rest). */
  public CompletableFuture<Signed<Quote>> quote(final Signed<Intent> intent, final QuotingStrategy.Terms terms) {
    final MakerEngine maker = rfq.maker();
    if (maker == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("this node does not have the maker role"));
    }
    return maker.quote(intent, terms);
  }

  /** What this node has committed to (reservations by match id). */
  public StoredReservations reservations() {
    return rfq.book();
  }

  public TraderEngine trader() {
    return rfq.trader();
  }

  /** The agent's key: its address on chain and in signed messages. */
  public io.perpnet.consensus.identity.Ed25519PublicKey publicKey() {
    return identity.publicKey();
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

  /** A halt: every open intent is cancelled (makers' quotes stop being honoured through the gate). */
  private void cancelOpen() {
    final var t = rfq.trader();
    if (t != null) {
      try {
        LOG.warn("halt: {} open intents cancelled", t.cancelAll().get(10, TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        LOG.warn("halt: the open intents could not all be cancelled: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The agent's switches (kill switch, dead-man switch): the gate of every new commitment. */
  public Switches switches() {
    return risk.switches();
  }

  /** The gate of every new commitment: the switches, then the circuit breakers. */
  public io.perpnet.node.rfq.CommitGate gate() {
    return risk;
  }

  /** The agent's limits as they are now (the settings', or what the agent set since with PUT /v1/risk/limits). */
  public io.perpnet.consensus.commitment.AgentLimits limits() {
    return risk.limits().current().agent();
  }

  /** The risk controls: switches, breakers, limits, triggers. */
  public RiskService risk() {
    return risk;
  }

  /** The circuit breakers. */
  public io.perpnet.node.risk.Breakers breakers() {
    return risk.breakers();
  }

  /** Stop-loss and take-profit prices of our positions. */
  public io.perpnet.node.risk.Triggers triggers() {
    return risk.triggers();
  }

  /** The services of the oracle, liquidator and keeper roles this node has. */
  public RoleServices roles() {
    return roles;
  }

  /** The agent API, when the node serves one. */
  public Optional<ApiService> api() {
    return api;
  }

  /** The metrics endpoint's port, when there is one. */
  public OptionalInt metricsPort() {
    return metricsService.map(m -> OptionalInt.of(m.port())).orElse(OptionalInt.empty());
  }

  public ChainService chain() {
    return chain;
  }

  /** The subscriptions to our accounts on chain (their state, for tests and the API's health). */
  public PositionWatch watch() {
    return watch;
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
      startEnded.orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
    final Services s = services;
    if (s != null) {
      s.close();
    }
    LOG.info("node stopped");
  }
}
