package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** A signed intent as the API shows it (ours, or a trade request another agent gossiped). */
public record Intent(String id, String market, String side, BigDecimal size, BigDecimal limitPrice, BigDecimal minFill, int maxFundingPpm, int leverage, long expiryMs, long nonce, String trader) {}
