package io.perpnet.node.config;

import java.util.Map;

/**
 * The settings of the oracle, liquidator and keeper roles (each used only by a node with the
 * role). Defaults are {@link #defaults()}, the same as the settings table's.
 */
public record RoleConfig(Oracle oracle, Liquidator liquidator, Keeper keeper) {
  /** Where prices come from. */
  public enum Source { SIMULATED, REPLAY, COINBASE, HYPERLIQUID, HYPERLIQUID_MARK }

  /**
   * @param location the replay file, or the exchange's base URL (empty: its public one)
   * @param simStartPrices the simulated markets' centre prices, 6 decimals, by symbol
   * @param intervalMs post a price at least this often; sign one at least twice as often
   * @param moveBps post (and sign) at once on a move larger than this since the last
   * @param maxJumpBps a reading this far from the last signed waits for a second reading
   * @param maxSourceAgeMs a reading older than this is not signed
   * @param sourceTimeoutMs how long an HTTP source may take to answer
   */
  public record Oracle(Source source, String location, long simSeed, int simVolatilityBps, int simJumpBps,
      long simJumpEverySteps, Map<String, Long> simStartPrices, long intervalMs, int moveBps, int maxJumpBps,
      long maxSourceAgeMs, long sourceTimeoutMs) {
    public Oracle {
      simStartPrices = Map.copyOf(simStartPrices);
    }

    public Oracle withSource(final Source s, final String where) {
      return new Oracle(s, where, simSeed, simVolatilityBps, simJumpBps, simJumpEverySteps, simStartPrices, intervalMs,
          moveBps, maxJumpBps, maxSourceAgeMs, sourceTimeoutMs);
    }

    public Oracle withSimulation(final long seed, final int volatilityBps, final int jumpBps,
        final Map<String, Long> startPrices) {
      return new Oracle(source, location, seed, volatilityBps, jumpBps, simJumpEverySteps, startPrices, intervalMs,
          moveBps, maxJumpBps, maxSourceAgeMs, sourceTimeoutMs);
    }

    public Oracle withInterval(final long ms) {
      return new Oracle(source, location, simSeed, simVolatilityBps, simJumpBps, simJumpEverySteps, simStartPrices, ms,
          moveBps, maxJumpBps, maxSourceAgeMs, sourceTimeoutMs);
    }
  }

  /**
   * @param maxPriorityFee the most a liquidation bids per compute unit, micro-lamports
   * @param computeMarginPercent compute-unit limit = the simulation's units plus this percentage
   */
  public record Liquidator(long maxPriorityFee, int computeMarginPercent) {}

  /**
   * @param fundingThreshold settle a position's funding once this much has accrued, USDC base units
   * @param intervalMs how often the keeper looks
   */
  public record Keeper(long fundingThreshold, long intervalMs) {}

  public static RoleConfig defaults() {
    return new RoleConfig(new Oracle(Source.SIMULATED, "", 1, 5, 200, 120,
        Map.of("BTC-PERP", 70_000_000_000L, "ETH-PERP", 3_500_000_000L, "SOL-PERP", 150_000_000L), 2_000, 20, 1_000,
        5_000, 2_000), new Liquidator(100_000, 20), new Keeper(1_000_000, 5_000));
  }

  public RoleConfig withOracle(final Oracle o) {
    return new RoleConfig(o, liquidator, keeper);
  }

  public RoleConfig withKeeper(final Keeper k) {
    return new RoleConfig(oracle, liquidator, k);
  }
}
