package io.perpnet.node.oracle;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * When a node posts a market's price, so that n oracles do not send n transactions for one
 * quorum. A market is due when it has no price, when its price on chain is {@code intervalMs} old
 * (its oldest slot's publish time, as the program keeps it), or when the quorum's price moved more
 * than {@code moveBps} from it. Of the nodes that see it due, the oracle at index
 * {@code floor(price time / interval) mod n} of the set posts at once; the next index after
 * {@code backupDelayMs}, and so on; a keeper (no index) comes after every oracle. All of them read
 * the same price time on chain, so they agree on the order without talking; a designated poster
 * that is down costs one backup delay. Not thread-safe: the poster's thread owns it.
 */
public final class PostingPolicy {
  private final long intervalMs;
  private final int moveBps;
  private final long backupDelayMs;
  private final Map<Integer, Long> dueSince = new HashMap<>();

  public PostingPolicy(final long intervalMs, final int moveBps, final long backupDelayMs) {
    this.intervalMs = intervalMs;
    this.moveBps = moveBps;
    this.backupDelayMs = backupDelayMs;
  }

  /**
   * Whether this node should post {@code market}'s quorum price now.
   *
   * @param mark the price on chain (0: none yet)
   * @param markTimeMs its publish time on chain
   * @param ourIndex our index in the oracle set, -1 for a node outside it (a keeper)
   */
  public boolean shouldPost(final int market, final long nowMs, final long mark, final long markTimeMs,
      final long quorumPrice, final int ourIndex, final int oracles) {
    if (!due(nowMs, mark, markTimeMs, quorumPrice)) {
      dueSince.remove(market);
      return false;
    }
    final long since = dueSince.computeIfAbsent(market, m -> nowMs);
    final int rank = rank(markTimeMs, ourIndex, oracles);
    return nowMs - since >= rank * backupDelayMs;
  }

  /** After our post landed or lost the race: the market is not due until the chain says so again. */
  public void posted(final int market) {
    dueSince.remove(market);
  }

  boolean due(final long nowMs, final long mark, final long markTimeMs, final long quorumPrice) {
    if (mark <= 0 || nowMs - markTimeMs >= intervalMs) {
      return true;
    }
    final BigInteger move = BigInteger.valueOf(Math.abs(quorumPrice - mark)).multiply(BigInteger.valueOf(10_000));
    return move.compareTo(BigInteger.valueOf(moveBps).multiply(BigInteger.valueOf(mark))) > 0;
  }

  int rank(final long markTimeMs, final int ourIndex, final int oracles) {
    if (ourIndex < 0 || oracles <= 0) {
      return Math.max(oracles, 1);
    }
    final long round = Math.floorDiv(markTimeMs, intervalMs);
    return (int) Math.floorMod(ourIndex - round, (long) oracles);
  }
}
