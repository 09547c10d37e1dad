package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** {@code GET /v1/positions/{id}/health}: our side at the oracle mark, by the program's formulas. */
public record PositionHealth(String id, BigDecimal mark, long markAgeMs, BigDecimal equity, BigDecimal pnl, BigDecimal maintenance, BigDecimal notionalAtMark, long marginRatioBps, BigDecimal liquidationPrice, boolean liquidatable) {}
