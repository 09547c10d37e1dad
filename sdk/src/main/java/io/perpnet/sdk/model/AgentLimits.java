package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** The agent's limits as {@code GET /v1/agent} shows them (USDC as decimals). */
public record AgentLimits(int maxLeverage, BigDecimal maxPositionNotional, int maxOpenPositions) {}
