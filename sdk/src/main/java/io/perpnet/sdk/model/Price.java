package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** {@code GET /v1/prices}: a market's oracle price on chain ({@code price} null before the first), its time and age. */
public record Price(String market, BigDecimal price, long publishTimeMs, long ageMs, boolean stale) {}
