package io.perpnet.node.chain;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.client.EscrowProgram;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc;
import io.perpnet.node.service.Service;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.p2p.solanaj.core.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's view of the chain through the standard Solana JSON-RPC (so it runs unchanged against
 * the devnet validator or any cluster): at start it waits for the RPC endpoint, the initialized
 * escrow and the markets it follows, retrying with backoff and a log line that says what it waits
 * for; then it answers free collateral and reference prices from accounts read at most
 * {@link #FRESH} ago.
 */
public final class ChainService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(ChainService.class);
  /** Market ids scanned for the symbols the node follows. */
  static final int MAX_MARKET_ID = 32;
  static final Duration FRESH = Duration.ofSeconds(1);

  private record Cached<T>(T value, long atNanos) {}

  private final String rpcUrl;
  private final SolanaRpc rpc;
  private final EscrowClient client;
  private final List<String> symbols;
  private final PublicKey owner;
  private final Duration maxBackoff;
  private final Map<Integer, MarketParams> markets = new HashMap<>();
  private final Map<Integer, Cached<EscrowAccounts.Market>> marketAccounts = new ConcurrentHashMap<>();
  private volatile Cached<Long> collateral;
  private volatile boolean stopping;

  /**
   * @param symbols the markets to follow (empty: every market on chain)
   * @param owner our agent key, whose margin account holds our collateral
   */
  public ChainService(final String rpcUrl, final byte[] programId, final List<String> symbols,
      final Ed25519PublicKey owner, final Duration maxBackoff) {
    this.rpcUrl = rpcUrl;
    this.rpc = new SolanaRpc(rpcUrl);
    this.client = new EscrowClient(rpc, new EscrowProgram(new PublicKey(programId)));
    this.symbols = List.copyOf(symbols);
    this.owner = new PublicKey(owner.bytes());
    this.maxBackoff = maxBackoff;
  }

  @Override
  public String name() {
    return "chain";
  }

  @Override
  public void start() throws InterruptedException {
    long backoffMs = 250;
    while (true) {
      if (stopping) {
        throw new InterruptedException("stopped while waiting for the chain");
      }
      final String waitingFor = tryCatchUp();
      if (waitingFor == null) {
        LOG.info("chain ready at {}: markets {}, free collateral {}", rpcUrl, markets.keySet(), freeCollateral());
        return;
      }
      LOG.warn("waiting for {} at {}; retrying in {} ms", waitingFor, rpcUrl, backoffMs);
      Thread.sleep(backoffMs); // backoff between attempts, not synchronisation
      backoffMs = Math.min(backoffMs * 2, maxBackoff.toMillis());
    }
  }

  /** One attempt; null when caught up, else what is missing. */
  private String tryCatchUp() {
    try {
      if (client.config().isEmpty()) {
        return "the escrow program " + client.program().programId() + " to be initialized";
      }
      final Map<Integer, MarketParams> found = new HashMap<>();
      final Set<String> missing = new HashSet<>(symbols);
      for (int id = 1; id <= MAX_MARKET_ID; id++) {
        final Optional<EscrowAccounts.Market> m = client.market(id);
        if (m.isPresent() && (symbols.isEmpty() || symbols.contains(m.get().config().symbol()))) {
          final var c = m.get().config();
          found.put(id, new MarketParams(id, c.symbol(), c.baseDecimals(), c.maxLeverage()));
          marketAccounts.put(id, new Cached<>(m.get(), nanos.getAsLong()));
          missing.remove(c.symbol());
        }
      }
      if (!missing.isEmpty()) {
        return "markets " + missing + " to be created";
      }
      markets.clear();
      markets.putAll(found);
      return null;
    } catch (RpcError | RuntimeException e) {
      return "the Solana RPC endpoint (" + e.getMessage()
          + (e.getCause() != null ? ": " + e.getCause() : "") + ")";
    }
  }

  /** The markets followed, by id, as the chain defines them. */
  public Map<Integer, MarketParams> markets() {
    return Map.copyOf(markets);
  }

  public EscrowClient client() {
    return client;
  }

  public SolanaRpc rpc() {
    return rpc;
  }

  /** Our margin account as a subscription just reported it: the freshest view there is. */
  void marginSeen(final EscrowAccounts.Margin margin) {
    collateral = new Cached<>(margin.free(), nanos.getAsLong());
    marginListener.accept(margin);
  }

  /** Our margin account as read after subscribing (the breakers hear only the subscription's snapshots). */
  void marginRead(final EscrowAccounts.Margin margin) {
    collateral = new Cached<>(margin.free(), nanos.getAsLong());
  }

  private volatile java.util.function.Consumer<EscrowAccounts.Margin> marginListener = m -> { };

  /** Told of every snapshot of our margin account the subscription delivers (the circuit breakers). */
  public void onMargin(final java.util.function.Consumer<EscrowAccounts.Margin> listener) {
    marginListener = listener;
  }

  /** A market's account as a subscription or our own transaction just showed it. */
  public void marketSeen(final int market, final EscrowAccounts.Market account) {
    marketAccounts.put(market, new Cached<>(account, nanos.getAsLong()));
  }

  /**
   * Whether the subscriptions tell us of every change of our margin account and the markets' now
   * (subscribed, and read once after: nothing missed); while they do, what they last showed is
   * current and no read is needed.
   */
  private volatile java.util.function.BooleanSupplier followed = () -> false;
  /** The clock of the caches' ages (a test's own). */
  java.util.function.LongSupplier nanos = System::nanoTime;

  /** Set by the watch of our accounts: true while it is subscribed and reconciled. */
  void followedWhile(final java.util.function.BooleanSupplier subscribed) {
    this.followed = subscribed;
  }

  private boolean current(final Cached<?> c) {
    return c != null && (followed.getAsBoolean() || nanos.getAsLong() - c.atNanos() < FRESH.toNanos());
  }

  /**
   * Our margin account's free collateral, USDC base units (0 without an account or when
   * unreadable): as the subscription last showed it while it is followed, else read at most
   * {@link #FRESH} ago.
   */
  public long freeCollateral() {
    final Cached<Long> c = collateral;
    if (current(c)) {
      return c.value();
    }
    long free = 0;
    try {
      free = client.margin(owner).map(EscrowAccounts.Margin::free).orElse(0L);
    } catch (RpcError e) {
      LOG.warn("cannot read our margin account: {}", e.getMessage());
      return c == null ? 0 : c.value();
    }
    collateral = new Cached<>(free, nanos.getAsLong());
    return free;
  }

  /** The market's oracle mark price, 6 decimals, if one has been posted. */
  public OptionalLong price(final int market) {
    final Optional<EscrowAccounts.Market> m = marketAccount(market);
    return m.isPresent() && m.get().price() > 0 ? OptionalLong.of(m.get().price()) : OptionalLong.empty();
  }

  /**
   * The market's account as the subscription last showed it while it is followed, else as read at
   * most {@link #FRESH} ago (the last one read if the RPC fails now; empty if there is none).
   */
  public Optional<EscrowAccounts.Market> marketAccount(final int market) {
    Cached<EscrowAccounts.Market> c = marketAccounts.get(market);
    if (!current(c)) {
      try {
        final Optional<EscrowAccounts.Market> m = client.market(market);
        if (m.isEmpty()) {
          return Optional.empty();
        }
        c = new Cached<>(m.get(), nanos.getAsLong());
        marketAccounts.put(market, c);
      } catch (RpcError e) {
        LOG.warn("cannot read market {}: {}", market, e.getMessage());
        if (c == null) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(c.value());
  }

  @Override
  public void stop() {
    stopping = true;
  }
}
