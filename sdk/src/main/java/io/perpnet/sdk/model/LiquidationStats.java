package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** {@code GET /v1/liquidations/stats}: a liquidator's work. */
public record LiquidationStats(int followedPositions, long attempts, long wins, long losses, long failures, long staleSkips, BigDecimal earnings) {}
