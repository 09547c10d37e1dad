package io.perpnet.sdk.model;

/** {@code GET /v1/markets}: a market's parameters, read from chain. */
public record Market(int id, String symbol, int baseDecimals, int maxLeverage, boolean paused, int initialMarginBps, int maintenanceMarginBps, int takerFeeBps, int makerFeeBps, int liquidationFeeBps, int fundingCapPpm, long maxStalenessMs) {}
