package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** A signed quote. */
public record Quote(String id, String intentId, String market, String maker, BigDecimal price, BigDecimal size, int fundingPpm, int makerLeverage, long expiryMs) {}
