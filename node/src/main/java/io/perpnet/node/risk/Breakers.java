package io.perpnet.node.risk;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.node.rfq.CommitGate;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breakers (seed 001, section 7), fed with our margin account as the chain shows it.
 * Our running result is {@code pnl = free + locked - deposited + withdrawn} (USDC base units; the
 * program counts lifetime deposits, this node counts what it withdrew): it moves with realised
 * PnL, fees and funding, not with deposits, withdrawals or margin moving between free and
 * locked. A snapshot with fewer open positions than the one before closed positions, and the
 * change of {@code pnl} between the two is their result. Three breakers pause new commitments:
 * <ul>
 *   <li>{@code DAILY_LOSS}: the day's result (since the first snapshot of the UTC day) below
 *       minus {@code maxDailyLoss}, until the next UTC day;
 *   <li>{@code BIG_LOSS}: one close losing more than half of the margin it released, for
 *       {@code bigLossPauseMs} (an hour by default);
 *   <li>{@code LOSS_STREAK}: {@code lossStreak} losing closes in a row, for {@code streakCooldownMs}.
 * </ul>
 * The state is kept in the {@code risk} column ({@link BreakerState}), each trip an event
 * ({@code risk.breaker}, the alert channel), so a pause survives a restart.
 */
public final class Breakers implements CommitGate {
  private static final Logger LOG = LoggerFactory.getLogger(Breakers.class);
  static final byte[] KEY = "breakers".getBytes(StandardCharsets.US_ASCII);
  static final long DAY_MS = 86_400_000L;

  /** The breakers' thresholds. */
  public record Settings(long maxDailyLoss, int lossStreak, long streakCooldownMs, long bigLossPauseMs) {
    /** 1,000 USDC a day, 3 losses in a row pause 15 minutes, a big loss an hour. */
    public static Settings defaults() {
      return new Settings(1_000_000_000L, 3, 15 * 60_000L, 60 * 60_000L);
    }
  }

  private final Store store;
  private final LongSupplier clock;
  private final Settings settings;
  private final Runnable onHalt;
  private final LongSupplier maxDailyLoss;
  private BreakerState state;

  public Breakers(final Store store, final LongSupplier clock, final Settings settings, final Runnable onHalt)
      throws StoreException {
    this(store, clock, settings, settings::maxDailyLoss, onHalt);
  }

  /** @param maxDailyLoss the daily loss limit as it is now (the agent may change it at run time) */
  public Breakers(final Store store, final LongSupplier clock, final Settings settings, final LongSupplier maxDailyLoss,
      final Runnable onHalt) throws StoreException {
    this.maxDailyLoss = maxDailyLoss;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.onHalt = onHalt;
    this.state = store.get(Column.RISK, KEY).map(BreakerState::decode).orElse(BreakerState.EMPTY);
  }

  /** Our margin account as a subscription or a read just showed it. */
  public void marginSeen(final EscrowAccounts.Margin m) {
    final String tripped;
    synchronized (this) {
      final long now = clock.getAsLong();
      final long pnl = m.free() + m.locked() - m.deposited() + state.withdrawn();
      BreakerState s = state;
      if (s.day() != Math.floorDiv(now, DAY_MS)) {
        s = s.newDay(Math.floorDiv(now, DAY_MS), s.seen() ? s.lastPnl() : pnl);
      }
      String reason = null;
      long until = s.pausedUntilMs();
      int streak = s.streak();
      if (s.seen() && m.openPositions() < s.lastOpen()) {
        final long result = pnl - s.lastPnl();
        final long released = Math.max(0, s.lastLocked() - m.locked());
        streak = result < 0 ? streak + 1 : 0;
        if (result < 0 && -result * 2 > released && released > 0) {
          reason = "BIG_LOSS: a close lost " + -result + " of the " + released + " margin it released";
          until = Math.max(until, now + settings.bigLossPauseMs());
        }
        if (streak >= settings.lossStreak()) {
          reason = "LOSS_STREAK: " + streak + " losing closes in a row";
          until = Math.max(until, now + settings.streakCooldownMs());
          streak = 0;
        }
      }
      final long limit = maxDailyLoss.getAsLong();
      if (s.dayStartPnl() - pnl > limit) {
        final long nextDay = (Math.floorDiv(now, DAY_MS) + 1) * DAY_MS;
        if (until < nextDay) {
          reason = "DAILY_LOSS: lost " + (s.dayStartPnl() - pnl) + " today, the limit is " + limit;
          until = nextDay;
        }
      }
      final BreakerState next = s.seen(pnl, m.openPositions(), m.locked(), streak, until,
          reason == null ? s.reason() : reason.substring(0, reason.indexOf(':')));
      tripped = reason != null && until > state.pausedUntilMs() ? reason : null;
      save(next, tripped);
    }
    if (tripped != null) {
      LOG.warn("circuit breaker {}: nothing new is signed until {}", tripped, Instant.ofEpochMilli(state.pausedUntilMs()));
      onHalt.run();
    }
  }

  /**
   * A withdrawal this node is about to make: money leaving, not a loss (told before the
   * transaction, so its margin notification never looks like a loss; a failed one is undone with
   * the negative amount).
   */
  public synchronized void withdrew(final long amount) {
    save(state.withdrew(amount), null);
  }

  private void save(final BreakerState next, final String tripped) {
    if (tripped == null && state != null && java.util.Arrays.equals(next.encode(), state.encode())) {
      return; // a snapshot that changes nothing (a fee-less account update, a repeat) is not logged again
    }
    try {
      store.append(tripped == null ? "risk.breaker_state" : "risk.breaker",
          (tripped == null ? "" : tripped).getBytes(StandardCharsets.UTF_8),
          List.of(new Event.Change(Column.RISK, KEY, next.encode())), Store.Durability.BUFFERED);
      state = next;
    } catch (StoreException e) {
      LOG.warn("breaker state not stored: {}", e.getMessage());
      state = next;
    }
  }

  @Override
  public synchronized Optional<String> halted() {
    if (clock.getAsLong() < state.pausedUntilMs()) {
      return Optional.of("CIRCUIT_BREAKER: " + state.reason() + " until " + Instant.ofEpochMilli(state.pausedUntilMs()));
    }
    return Optional.empty();
  }

  public synchronized BreakerState state() {
    return state;
  }

  public Settings settings() {
    return settings;
  }

  /** The daily loss limit now. */
  public long maxDailyLoss() {
    return maxDailyLoss.getAsLong();
  }
}
