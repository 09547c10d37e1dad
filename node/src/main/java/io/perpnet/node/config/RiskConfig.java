package io.perpnet.node.config;

/**
 * The circuit breakers' and the oversized-intent check's settings.
 *
 * @param maxDailyLoss USDC base units the agent may lose in a UTC day before new trades pause until the next
 * @param lossStreak losing closes in a row that start a cooldown
 * @param lossStreakCooldownMs the cooldown
 * @param bigLossPauseMs the pause after one close loses more than half of its margin
 * @param oversizeFactor an intent above this many times the agent's usual notional waits for {@code "confirm": true} (0: never)
 * @param maxMarketExposure USDC base units: our positions' notional in one market, with a new intent's
 */
public record RiskConfig(long maxDailyLoss, int lossStreak, long lossStreakCooldownMs, long bigLossPauseMs,
    int oversizeFactor, long maxMarketExposure) {
  public static RiskConfig defaults() {
    return new RiskConfig(1_000_000_000L, 3, 15 * 60_000L, 60 * 60_000L, 5, 50_000_000_000L);
  }
}
