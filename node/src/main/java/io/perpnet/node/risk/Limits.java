package io.perpnet.node.risk;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The agent's limits as they are now: the settings' at first start, then whatever the agent set
 * at run time ({@code PUT /v1/risk/limits}), kept in the {@code risk} column's {@code limits}
 * value (big-endian: i32 max leverage, u64 max position notional, i32 max open positions, u64 max
 * daily loss, u64 max exposure per market) so they survive a restart; a stored value wins over the settings. Changes are
 * bounded by {@link #check} (seed 001's ranges). Thread-safe.
 */
public final class Limits {
  static final byte[] KEY = "limits".getBytes(StandardCharsets.US_ASCII);
  /** The ranges an agent may set: leverage 1 to 50, notional $100 to $1M, daily loss $10 to $100K, 1 to 50 positions. */
  public static final int MAX_LEVERAGE = 50;
  public static final long MIN_NOTIONAL = 100_000_000L;
  public static final long MAX_NOTIONAL = 1_000_000_000_000L;
  public static final long MIN_DAILY_LOSS = 10_000_000L;
  public static final long MAX_DAILY_LOSS = 100_000_000_000L;
  public static final int MAX_POSITIONS = 50;
  public static final long MAX_EXPOSURE = 10_000_000_000_000L;

  /**
   * The limits: the commitment rule's, the daily loss, and the exposure per market (the notional
   * at entry of our open positions in one market, plus a new intent's at its limit price).
   */
  public record Values(AgentLimits agent, long maxDailyLoss, long maxMarketExposure) {}

  private final Store store;
  private volatile Values values;

  public Limits(final Store store, final Values initial) throws StoreException {
    this.store = store;
    this.values = store.get(Column.RISK, KEY).map(Limits::decode).orElse(initial);
  }

  public Values current() {
    return values;
  }

  /** Why {@code v} is outside the ranges (the field's name first), or null. */
  public static String check(final Values v) {
    final AgentLimits a = v.agent();
    if (a.maxLeverage() < 1 || a.maxLeverage() > MAX_LEVERAGE) {
      return "maxLeverage: must be within 1..50";
    }
    if (a.maxPositionNotional() < MIN_NOTIONAL || a.maxPositionNotional() > MAX_NOTIONAL) {
      return "maxPositionNotional: must be within 100..1000000 USDC";
    }
    if (a.maxOpenPositions() < 1 || a.maxOpenPositions() > MAX_POSITIONS) {
      return "maxOpenPositions: must be within 1..50";
    }
    if (v.maxDailyLoss() < MIN_DAILY_LOSS || v.maxDailyLoss() > MAX_DAILY_LOSS) {
      return "maxDailyLoss: must be within 10..100000 USDC";
    }
    if (v.maxMarketExposure() < MIN_NOTIONAL || v.maxMarketExposure() > MAX_EXPOSURE) {
      return "maxMarketExposure: must be within 100..10000000 USDC";
    }
    return null;
  }

  /** Sets and stores {@code v} (checked by the caller with {@link #check}). */
  public synchronized void set(final Values v) throws StoreException {
    final byte[] encoded = ByteBuffer.allocate(32).putInt(v.agent().maxLeverage()).putLong(v.agent().maxPositionNotional())
        .putInt(v.agent().maxOpenPositions()).putLong(v.maxDailyLoss()).putLong(v.maxMarketExposure()).array();
    store.append("risk.limits", encoded, List.of(new Event.Change(Column.RISK, KEY, encoded)), Store.Durability.SYNCED);
    values = v;
  }

  private static Values decode(final byte[] b) {
    final ByteBuffer x = ByteBuffer.wrap(b);
    final int leverage = x.getInt();
    final long notional = x.getLong();
    final int open = x.getInt();
    return new Values(new AgentLimits(leverage, notional, open), x.getLong(), x.getLong());
  }
}
