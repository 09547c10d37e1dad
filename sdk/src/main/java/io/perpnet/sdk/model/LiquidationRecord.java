package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** {@code GET /v1/liquidations}: a liquidation the node's liquidator landed; {@code down} is trader, maker or both. */
public record LiquidationRecord(String matchId, String position, String market, String down, BigDecimal size,
    BigDecimal mark, BigDecimal reward, long atMs) {}
