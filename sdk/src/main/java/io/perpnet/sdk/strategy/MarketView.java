package io.perpnet.sdk.strategy;

import io.perpnet.sdk.model.Market;
import io.perpnet.sdk.model.Price;
import java.math.BigDecimal;

/**
 * What a maker knows of a market when it decides: its parameters, the oracle price (null before
 * the first), and its inventory there: the net base size of its open positions (positive long).
 */
public record MarketView(Market market, Price oracle, BigDecimal inventory) {
  public boolean priced() {
    return oracle != null && oracle.price() != null && !oracle.stale();
  }
}
