package io.perpnet.sdk.model;

import java.math.BigDecimal;

/**
 * {@code GET /v1/fills} and the {@code fill} channel: the open or the close of one of our
 * positions. {@code kind} is open, close_at_mark, close_mutual or liquidated; {@code role} trader
 * or maker; {@code side} ours. In USDC: {@code fee} we paid, {@code funding} to us (negative: from
 * us, closes only, over the position's life), {@code pnl} ours at the price, {@code margin} ours at
 * open, {@code returned} to free collateral and {@code realized} = returned - margin (closes only;
 * null on opens). {@code transaction} is null when the node could not find it.
 */
public record FillRecord(String matchId, String kind, String market, String role, String side, BigDecimal size,
    BigDecimal price, BigDecimal fee, BigDecimal funding, BigDecimal pnl, BigDecimal margin, BigDecimal returned,
    BigDecimal realized, long atMs, String transaction) {}
