package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** One outcome of an intent: a match ({@code state} countersigned, with the match's terms), {@code failed} with its reason, or {@code proposed} without an answer. */
public record Fill(String id, String state, String reason, String detail, String market, String side, BigDecimal price, BigDecimal size, String maker) {}
