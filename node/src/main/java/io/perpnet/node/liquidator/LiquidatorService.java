package io.perpnet.node.liquidator;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.rpc.AccountFilter;
import io.perpnet.escrow.rpc.KeyedAccount;
import io.perpnet.escrow.rpc.SolanaPubsub;
import io.perpnet.node.chain.ChainService;
import io.perpnet.node.chain.Subscriptions;
import io.perpnet.node.config.RoleConfig;
import io.perpnet.node.service.Service;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The permissionless liquidator: follows every open position of the program (a program
 * subscription on position accounts, reconciled by getProgramAccounts after each connection) and
 * every followed market's account; each market update, and each position change, scans that
 * market ({@link HealthScan}) and sends a liquidation for each liquidatable position, largest
 * first, one attempt per position at a time. An attempt that lost the race is not retried until
 * the position's account changes; a market whose price is stale is skipped, not attempted. The
 * reward lands in this node's margin account, created at start if it has none.
 */
public final class LiquidatorService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(LiquidatorService.class);

  private final ChainService chain;
  private final URI wsUrl;
  private final Ed25519KeyPair self;
  private final RoleConfig.Liquidator settings;
  private final LongSupplier clock;
  private final PositionBook book = new PositionBook();
  private final LiquidatorStats stats = new LiquidatorStats();
  private final Map<Integer, EscrowAccounts.Market> markets = new ConcurrentHashMap<>();
  /** Positions with an attempt under way, by address. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  /** Positions whose attempt lost, with the state it lost on: not retried until the account changes. */
  private final Map<String, EscrowAccounts.Position> lostOn = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("liquidator").factory());
  private final ExecutorService confirmations =
      Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("liquidator-confirm").factory());
  private final List<java.util.function.Consumer<Scan>> scanListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Subscriptions subscriptions;
  private LiquidationSender sender;

  private final List<java.util.function.Consumer<Attempt>> attemptListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * How one attempt on a position ended (WON, LOST, STALE, FAILED); {@code account} is the position
   * as it was found liquidatable at {@code mark}, at {@code atMs}.
   */
  public record Attempt(byte[] position, String outcome, long reward, EscrowAccounts.Position account, long mark,
      long atMs, Liquidation liquidation) {}

  /** One scan of a market: at which mark, how many positions were due, and whether the price was too stale to try. */
  public record Scan(int market, long mark, long markTimeMs, int due, boolean stale) {}

  public LiquidatorService(final ChainService chain, final URI wsUrl, final Ed25519KeyPair self,
      final RoleConfig.Liquidator settings, final LongSupplier clock) {
    this.chain = chain;
    this.wsUrl = wsUrl;
    this.self = self;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "liquidator";
  }

  @Override
  public void start() throws Exception {
    if (chain.client().margin(EscrowClient.key(self)).isEmpty()) {
      LOG.info("liquidator: creating our margin account for the rewards: {}", chain.client().createMargin(self));
    }
    sender = new LiquidationSender(chain.client(), chain.rpc(), self, settings, confirmations);
    subscriptions = new Subscriptions("liquidator", wsUrl, Subscriptions.Plan.of(this::subscribe, this::reconcile),
        thread);
    subscriptions.start();
  }

  private static List<AccountFilter> positionFilter() {
    return List.of(new AccountFilter.DataSize(EscrowAccounts.POSITION_SIZE));
  }

  private List<CompletableFuture<Long>> subscribe(final SolanaPubsub p) {
    final List<CompletableFuture<Long>> all = new ArrayList<>();
    all.add(p.programSubscribe(chain.client().program().programId().toByteArray(), positionFilter(),
        a -> thread.execute(() -> position(a))));
    for (final int id : chain.markets().keySet()) {
      all.add(p.accountSubscribe(chain.client().program().market(id).address().toByteArray(),
          data -> data.map(EscrowAccounts::market).ifPresent(m -> thread.execute(() -> market(id, m)))));
    }
    return all;
  }

  private int reconcile() throws Exception {
    final List<PositionBook.Entry> all = new ArrayList<>();
    for (final KeyedAccount a : chain.rpc().programAccounts(chain.client().program().programId().toByteArray(),
        positionFilter())) {
      all.add(new PositionBook.Entry(a.address(), EscrowAccounts.position(a.data())));
    }
    book.replace(all);
    for (final int id : chain.markets().keySet()) {
      chain.client().market(id).ifPresent(m -> market(id, m));
    }
    LOG.info("liquidator following {} open positions in markets {}", book.size(), chain.markets().keySet());
    return book.size();
  }

  private void position(final KeyedAccount a) {
    final EscrowAccounts.Position p;
    try {
      p = EscrowAccounts.position(a.data());
    } catch (RuntimeException e) {
      return; // an account of that size that is not a position: nothing to liquidate
    }
    book.changed(a.address(), p);
    lostOn.remove(io.perpnet.consensus.identity.Base58.encode(a.address()));
    final EscrowAccounts.Market m = markets.get(p.market());
    if (m != null && !p.closed()) {
      scan(p.market(), m);
    }
  }

  private void market(final int id, final EscrowAccounts.Market m) {
    markets.put(id, m);
    chain.marketSeen(id, m);
    scan(id, m);
  }

  private void scan(final int id, final EscrowAccounts.Market m) {
    if (m.price() == 0) {
      return;
    }
    final long now = clock.getAsLong();
    // the program's clock is whole seconds: funding accrues to the last one
    final List<HealthScan.Candidate> due = HealthScan.scan(book.market(id), m.price(), m.config(),
        Math.floorDiv(now, 1000) * 1000);
    final boolean stale = now - m.priceTimeMs() > m.config().maxStalenessMs();
    try {
      if (due.isEmpty()) {
        return;
      }
      if (stale) {
        stats.staleSkips.addAndGet(due.size());
        return; // the program would refuse with STALE_ORACLE: no transaction until a fresh price
      }
      attempt(due);
    } finally {
      final Scan s = new Scan(id, m.price(), m.priceTimeMs(), due.size(), stale);
      scanListeners.forEach(l -> l.accept(s));
    }
  }

  private void attempt(final List<HealthScan.Candidate> due) {
    for (final HealthScan.Candidate c : due) {
      final String key = io.perpnet.consensus.identity.Base58.encode(c.address());
      if (lostOn.get(key) == c.position() || !inFlight.add(key)) {
        continue;
      }
      stats.attempts.incrementAndGet();
      sender.send(c).whenComplete((result, e) -> {
        inFlight.remove(key);
        final LiquidationSender.Outcome outcome = result == null ? LiquidationSender.Outcome.FAILED : result;
        switch (outcome) {
          case WON -> {
            stats.wins.incrementAndGet();
            stats.earnings.addAndGet(c.liquidation().reward());
          }
          case LOST -> {
            stats.losses.incrementAndGet();
            lostOn.put(key, c.position());
          }
          case STALE -> stats.staleSkips.incrementAndGet();
          case FAILED -> stats.failures.incrementAndGet();
        }
        final Attempt a = new Attempt(c.address(), outcome.name(), outcome == LiquidationSender.Outcome.WON
            ? c.liquidation().reward() : 0, c.position(), c.mark(), clock.getAsLong(), c.liquidation());
        attemptListeners.forEach(l -> l.accept(a));
      });
    }
  }

  /** Told of every scan, on the liquidator's thread (keep it quick). */
  public void addScanListener(final java.util.function.Consumer<Scan> l) {
    scanListeners.add(l);
  }

  /** Told of how every attempt ended, on the thread that saw it end (keep it quick). */
  public void addAttemptListener(final java.util.function.Consumer<Attempt> l) {
    attemptListeners.add(l);
  }

  public LiquidatorStats stats() {
    return stats;
  }

  /** Completes once subscribed and reconciled (with the open positions found). */
  public CompletableFuture<Integer> subscribed() {
    return subscriptions.subscribed();
  }

  public PositionBook book() {
    return book;
  }

  @Override
  public void stop() {
    Subscriptions.closeOn(thread, subscriptions);
    confirmations.shutdownNow();
  }
}
