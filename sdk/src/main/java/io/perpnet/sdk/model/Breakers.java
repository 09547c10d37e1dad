package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** The circuit breakers' state. */
public record Breakers(boolean paused, long pausedUntilMs, String lastTripped, BigDecimal dailyLoss, BigDecimal maxDailyLoss, int lossStreak, int lossStreakLimit) {}
