package io.perpnet.node.oracle;

import io.perpnet.node.oracle.feed.SourcePrice;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An oracle's own checks before it signs a source price, cheapest first: the market must be one
 * it follows; the reading must not be older than {@code maxAgeMs} (nor from the future beyond
 * it); and a price more than {@code maxJumpBps} away from the last one signed is held until a
 * second, later reading confirms it (within {@code maxJumpBps} of the first), so one bad tick is
 * never signed. Not thread-safe: one oracle thread uses it.
 */
public final class OracleGuard {
  /** Why a reading is not signed, stable codes for logs and metrics. */
  public enum Refusal { NOT_FOLLOWED, STALE_SOURCE, FUTURE_SOURCE, JUMP_UNCONFIRMED }

  /** The guard's answer: sign, or not and why. */
  public sealed interface Decision {
    record Sign(long price, long observedMs) implements Decision {}

    record Refuse(Refusal reason, String detail) implements Decision {}
  }

  private final Set<String> followed;
  private final long maxAgeMs;
  private final int maxJumpBps;
  private final Map<String, Long> lastSigned = new HashMap<>();
  private final Map<String, SourcePrice> pendingJump = new HashMap<>();

  public OracleGuard(final Set<String> followed, final long maxAgeMs, final int maxJumpBps) {
    this.followed = Set.copyOf(followed);
    this.maxAgeMs = maxAgeMs;
    this.maxJumpBps = maxJumpBps;
  }

  public Decision check(final String symbol, final SourcePrice reading, final long nowMs) {
    if (!followed.contains(symbol)) {
      return new Decision.Refuse(Refusal.NOT_FOLLOWED, symbol + " is not a market this oracle follows");
    }
    if (nowMs - reading.observedMs() > maxAgeMs) {
      return new Decision.Refuse(Refusal.STALE_SOURCE, symbol + " observed " + (nowMs - reading.observedMs())
          + " ms ago, more than " + maxAgeMs);
    }
    if (reading.observedMs() - nowMs > maxAgeMs) {
      return new Decision.Refuse(Refusal.FUTURE_SOURCE, symbol + " observed " + (reading.observedMs() - nowMs)
          + " ms in the future");
    }
    final Long last = lastSigned.get(symbol);
    if (last != null && beyond(reading.price(), last)) {
      final SourcePrice first = pendingJump.get(symbol);
      if (first == null || reading.observedMs() <= first.observedMs() || beyond(reading.price(), first.price())) {
        pendingJump.put(symbol, reading);
        return new Decision.Refuse(Refusal.JUMP_UNCONFIRMED, symbol + " moved from " + last + " to " + reading.price()
            + ", more than " + maxJumpBps + " bps; waiting for a second reading");
      }
    }
    pendingJump.remove(symbol);
    lastSigned.put(symbol, reading.price());
    return new Decision.Sign(reading.price(), reading.observedMs());
  }

  /** |price - reference| x 10,000 > maxJumpBps x reference, exactly. */
  private boolean beyond(final long price, final long reference) {
    final BigInteger move = BigInteger.valueOf(Math.abs(price - reference)).multiply(BigInteger.valueOf(10_000));
    return move.compareTo(BigInteger.valueOf(maxJumpBps).multiply(BigInteger.valueOf(reference))) > 0;
  }
}
