package io.perpnet.node.risk;

import java.nio.ByteBuffer;

/**
 * What the circuit breakers remember, the {@code risk} column's {@code breakers} value (big-endian):
 *
 * <pre>
 * offset size field
 *   0    8    day           UTC day number (unix ms / 86,400,000) of dayStartPnl
 *   8    8    dayStartPnl   the running result at the day's first snapshot
 *  16    8    lastPnl       the running result at the last snapshot
 *  24    8    lastOpen      open positions at the last snapshot (-1: no snapshot yet)
 *  32    8    lastLocked    locked margin at the last snapshot
 *  40    4    streak        losing closes in a row
 *  44    8    pausedUntilMs new commitments paused until then (0: not paused)
 *  52    8    withdrawn     what this node has withdrawn, in total
 *  60    1    reason length, then that many bytes of ASCII: the last breaker that tripped
 * </pre>
 */
public record BreakerState(long day, long dayStartPnl, long lastPnl, long lastOpen, long lastLocked, int streak,
    long pausedUntilMs, long withdrawn, String reason) {
  static final BreakerState EMPTY = new BreakerState(-1, 0, 0, -1, 0, 0, 0, 0, "");

  public boolean seen() {
    return lastOpen >= 0;
  }

  /** The day's loss so far (positive: a loss). */
  public long dailyLoss() {
    return seen() ? dayStartPnl - lastPnl : 0;
  }

  BreakerState newDay(final long d, final long startPnl) {
    return new BreakerState(d, startPnl, lastPnl, lastOpen, lastLocked, streak, pausedUntilMs, withdrawn, reason);
  }

  BreakerState seen(final long pnl, final long open, final long locked, final int s, final long until, final String r) {
    return new BreakerState(day, dayStartPnl, pnl, open, locked, s, until, withdrawn, r);
  }

  BreakerState withdrew(final long amount) {
    return new BreakerState(day, dayStartPnl, lastPnl, lastOpen, lastLocked, streak, pausedUntilMs,
        withdrawn + amount, reason);
  }

  byte[] encode() {
    final byte[] r = reason.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(61 + r.length).putLong(day).putLong(dayStartPnl).putLong(lastPnl).putLong(lastOpen)
        .putLong(lastLocked).putInt(streak).putLong(pausedUntilMs).putLong(withdrawn).put((byte) r.length).put(r).array();
  }

  static BreakerState decode(final byte[] v) {
    final ByteBuffer b = ByteBuffer.wrap(v);
    final long day = b.getLong();
    final long start = b.getLong();
    final long last = b.getLong();
    final long open = b.getLong();
    final long locked = b.getLong();
    final int streak = b.getInt();
    final long until = b.getLong();
    final long withdrawn = b.getLong();
    final byte[] r = new byte[b.get() & 0xFF];
    b.get(r);
    return new BreakerState(day, start, last, open, locked, streak, until, withdrawn,
        new String(r, java.nio.charset.StandardCharsets.US_ASCII));
  }
}
