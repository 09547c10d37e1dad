package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** Match terms both sides signed, with their {@code state} (countersigned, submitted, confirmed, closed, expired) and, in our own lists, our {@code role}. */
public record Match(String id, String market, String side, String trader, String maker, String intentId, String quoteId, BigDecimal price, BigDecimal size, BigDecimal traderMargin, BigDecimal makerMargin, int fundingPpm, int leverage, long expiryMs, String state, String role) {}
