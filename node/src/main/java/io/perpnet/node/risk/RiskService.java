package io.perpnet.node.risk;

import io.perpnet.node.chain.OpenPosition;
import io.perpnet.node.rfq.CommitGate;
import io.perpnet.node.service.Service;
import io.perpnet.node.store.Store;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent's risk controls as a service, started before the RFQ engines so no commitment is made
 * before the switches are read back: the {@link Switches} and the tick that trips an expired
 * dead-man switch (every {@link #TICK_MS} ms), and the stop-loss and take-profit watch (every
 * {@link #TRIGGER_MS} ms), and the circuit {@link Breakers}. It is the node's {@link CommitGate}: the
 * switches, then the breakers.
 */
public final class RiskService implements Service, CommitGate {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RiskService.class);
  static final long TICK_MS = 100;
  /** How often the stop-loss and take-profit prices are compared with the oracle's. */
  static final long TRIGGER_MS = 500;
  private final Supplier<Store> store;
  private final Runnable onHalt;
  private final TriggerWatch.Positions positions;
  private final java.util.function.IntFunction<java.util.OptionalLong> prices;
  private volatile Triggers triggers;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("risk").factory());
  private volatile Switches switches;
  private volatile Breakers breakers;
  private volatile Limits limits;
  private final Breakers.Settings breakerSettings;
  private final io.perpnet.consensus.commitment.AgentLimits initialLimits;
  private final long maxMarketExposure;

  /**
   * @param onHalt cancels what is open (run on the risk thread or the caller's)
   * @param positions our open positions and how to close one, for the stop-loss and take-profit
   * @param prices the oracle price of a market
   */
  public RiskService(final Supplier<Store> store, final Runnable onHalt, final TriggerWatch.Positions positions,
      final java.util.function.IntFunction<java.util.OptionalLong> prices) {
    this(store, onHalt, positions, prices, Breakers.Settings.defaults(),
        new io.perpnet.consensus.commitment.AgentLimits(10, 10_000_000_000L, 10), 50_000_000_000L);
  }

  /** With the circuit breakers' thresholds. */
  public RiskService(final Supplier<Store> store, final Runnable onHalt, final TriggerWatch.Positions positions,
      final java.util.function.IntFunction<java.util.OptionalLong> prices, final Breakers.Settings breakerSettings,
      final io.perpnet.consensus.commitment.AgentLimits initialLimits, final long maxMarketExposure) {
    this.maxMarketExposure = maxMarketExposure;
    this.breakerSettings = breakerSettings;
    this.initialLimits = initialLimits;
    this.store = store;
    this.onHalt = onHalt;
    this.positions = positions;
    this.prices = prices;
  }

  @Override
  public String name() {
    return "risk";
  }

  @Override
  public void start() throws Exception {
    switches = new Switches(store.get(), System::currentTimeMillis, onHalt);
    switches.onDeadmanClose(this::closeAll);
    limits = new Limits(store.get(), new Limits.Values(initialLimits, breakerSettings.maxDailyLoss(),
        maxMarketExposure));
    breakers = new Breakers(store.get(), System::currentTimeMillis, breakerSettings,
        () -> limits.current().maxDailyLoss(), onHalt);
    thread.scheduleWithFixedDelay(switches::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    triggers = new Triggers(store.get());
    thread.scheduleWithFixedDelay(new TriggerWatch(triggers, positions, prices), TRIGGER_MS, TRIGGER_MS,
        TimeUnit.MILLISECONDS);
  }

  /** Closes every open position at mark (a dead-man trip that asked for it); a failed close is logged. */
  private void closeAll() {
    try {
      for (final OpenPosition p : positions.open()) {
        positions.closeAtMark(p).whenComplete((closed, e) -> {
          if (e != null) {
            LOG.warn("dead-man close of {} failed: {}", p.matchId(), e.toString());
          }
        });
      }
    } catch (Exception e) {
      LOG.warn("dead-man close: cannot read our positions: {}", e.toString());
    }
  }

  /** The stop-loss and take-profit prices. */
  public Triggers triggers() {
    return triggers;
  }

  @Override
  public Optional<String> halted() {
    final Switches s = switches;
    final Breakers b = breakers;
    if (s == null || b == null) {
      return Optional.of("starting");
    }
    return s.halted().or(b::halted);
  }

  /** The agent's limits as they are now (the settings', or what the agent set since). */
  public Limits limits() {
    return limits;
  }

  /** The circuit breakers (daily loss, big loss, losing streak). */
  public Breakers breakers() {
    return breakers;
  }

  public Switches switches() {
    return switches;
  }

  @Override
  public void stop() {
    thread.shutdownNow();
  }
}
