package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** One of our open positions, from our side; {@code id} is the match id, {@code address} its account on chain. */
public record Position(String id, String address, String market, String side, String role, BigDecimal size, BigDecimal entryPrice, BigDecimal margin, int fundingPpm, String counterparty, long openedMs, String status, BigDecimal stopLoss, BigDecimal takeProfit) {
  public boolean isLong() {
    return "long".equals(side);
  }
}
