package io.perpnet.consensus.commitment;

/**
 * The limits an agent declares to its node; the node never signs beyond them.
 *
 * @param maxLeverage the most leverage the agent trades at
 * @param maxPositionNotional the largest notional of one position, USDC base units
 * @param maxOpenPositions how many positions (reservations) may be open at once
 */
public record AgentLimits(int maxLeverage, long maxPositionNotional, int maxOpenPositions) {
  /** The design's defaults: 10x, $10,000 per position, 10 open positions. */
  public static final AgentLimits DEFAULTS = new AgentLimits(10, 10_000_000_000L, 10);

  public AgentLimits {
    if (maxLeverage < 1 || maxPositionNotional < 0 || maxOpenPositions < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
