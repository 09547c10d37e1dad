package io.perpnet.node.risk;

import io.perpnet.node.rfq.CommitGate;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's two halts, persisted in the {@code risk} column so they survive restarts. The kill
 * switch: on until turned off. The dead-man switch (Hyperliquid's scheduleCancel, Binance's
 * countdownCancelAll): armed with a deadline that each renewal moves; once the deadline passes
 * without one (the agent stopped), it trips; a renewal clears it, 0 disarms. While either holds,
 * the node commits to nothing new ({@link CommitGate}); on each trip the owner cancels what is open.
 */
public final class Switches implements CommitGate {
  private static final Logger LOG = LoggerFactory.getLogger(Switches.class);
  static final byte[] KILL = "kill-switch".getBytes(StandardCharsets.US_ASCII);
  static final byte[] DEADMAN = "deadman".getBytes(StandardCharsets.US_ASCII);

  private final Store store;
  private final LongSupplier clock;
  private final Runnable onHalt;
  private boolean killed;
  private long deadlineMs; // 0: disarmed
  private boolean closeOnTrip;
  private boolean tripped;
  private Runnable closeAll = () -> { };

  /** @param onHalt run when a halt starts (cancel every open intent, say); on the caller's thread */
  public Switches(final Store store, final LongSupplier clock, final Runnable onHalt) throws StoreException {
    this.store = store;
    this.clock = clock;
    this.onHalt = onHalt;
    killed = store.get(Column.RISK, KILL).map(v -> v.length == 1 && v[0] == 1).orElse(false);
    final byte[] deadman = store.get(Column.RISK, DEADMAN).orElse(null);
    deadlineMs = deadman == null ? 0 : ByteBuffer.wrap(deadman).getLong();
    closeOnTrip = deadman != null && deadman.length > 8 && deadman[8] == 1;
    tripped = deadlineMs != 0 && clock.getAsLong() >= deadlineMs; // the agent did not renew while we were down
  }

  @Override
  public synchronized Optional<String> halted() {
    if (killed) {
      return Optional.of("KILL_SWITCH: the agent's kill switch is on");
    }
    if (tripped || (deadlineMs != 0 && clock.getAsLong() >= deadlineMs)) {
      return Optional.of("DEADMAN: the agent's dead-man switch expired; renew it to trade");
    }
    return Optional.empty();
  }

  public synchronized boolean killSwitch() {
    return killed;
  }

  /** Turns the kill switch on or off; on, the owner's halt runs. */
  public void setKillSwitch(final boolean on) throws StoreException {
    synchronized (this) {
      if (on == killed) {
        return;
      }
      store.append("risk.kill_switch", new byte[] {(byte) (on ? 1 : 0)}, List.of(new Event.Change(Column.RISK, KILL,
          new byte[] {(byte) (on ? 1 : 0)})), Store.Durability.SYNCED);
      killed = on;
    }
    LOG.warn("kill switch {}", on ? "ON: every open intent is cancelled, nothing new is signed" : "off");
    if (on) {
      onHalt.run();
    }
  }

  /** Arms or renews the dead-man switch for {@code timeoutMs} from now; 0 disarms. Returns the deadline. */
  public long deadman(final long timeoutMs) throws StoreException {
    return deadman(timeoutMs, false);
  }

  /**
   * As {@link #deadman(long)}; with {@code closePositions}, a trip also closes every position at
   * mark. The {@code deadman} value: u64 deadline ms big-endian, then u8 1 when it closes positions.
   */
  public synchronized long deadman(final long timeoutMs, final boolean closePositions) throws StoreException {
    final long deadline = timeoutMs == 0 ? 0 : clock.getAsLong() + timeoutMs;
    final byte[] value = ByteBuffer.allocate(9).putLong(deadline).put((byte) (closePositions ? 1 : 0)).array();
    store.append("risk.deadman", ByteBuffer.allocate(8).putLong(deadline).array(), List.of(new Event.Change(Column.RISK,
        DEADMAN, deadline == 0 ? null : value)), Store.Durability.BUFFERED);
    deadlineMs = deadline;
    closeOnTrip = deadline != 0 && closePositions;
    tripped = false;
    return deadline;
  }

  /** What a trip that closes positions runs (every position at mark); set once by the owner. */
  public synchronized void onDeadmanClose(final Runnable r) {
    closeAll = r;
  }

  public synchronized boolean closesOnTrip() {
    return closeOnTrip;
  }

  /** The dead-man switch's deadline (0: disarmed) and whether it has tripped. */
  public synchronized long deadline() {
    return deadlineMs;
  }

  public synchronized boolean tripped() {
    return tripped;
  }

  /** Run periodically: trips an expired dead-man switch once, running the owner's halt. */
  public void tick() {
    final Runnable close;
    synchronized (this) {
      if (tripped || deadlineMs == 0 || clock.getAsLong() < deadlineMs) {
        return;
      }
      tripped = true;
      close = closeOnTrip ? closeAll : null;
    }
    LOG.warn("dead-man switch expired: every open intent is cancelled, nothing new is signed until it is renewed");
    try {
      store.append("risk.deadman_tripped", new byte[0], List.of(), Store.Durability.BUFFERED);
    } catch (StoreException e) {
      LOG.warn("dead-man trip not recorded: {}", e.getMessage());
    }
    onHalt.run();
    if (close != null) {
      LOG.warn("dead-man switch expired with closePositions: closing every position at mark");
      close.run();
    }
  }
}
