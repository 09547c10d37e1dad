package io.perpnet.consensus.validation;

import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Cancel;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Quote;

/** Per-message bounds: sizes and prices above zero, leverage within the market's maximum, distinct parties. */
public final class Bounds {
  private Bounds() {}

  public static void check(final Payload payload, final MarketParams market) throws RejectedException {
    switch (payload) {
      case Intent i -> {
        positive(i.size(), Rejection.ZERO_SIZE, "size");
        positive(i.limitPrice(), Rejection.ZERO_PRICE, "limitPrice");
        leverage(i.leverage(), market);
        if (i.minFill() > i.size()) {
          throw new RejectedException(Rejection.MIN_FILL_ABOVE_SIZE, i.minFill() + " > " + i.size());
        }
      }
      case Quote q -> {
        positive(q.price(), Rejection.ZERO_PRICE, "price");
        positive(q.size(), Rejection.ZERO_SIZE, "size");
        leverage(q.makerLeverage(), market);
      }
      case Accept a -> positive(a.fillSize(), Rejection.ZERO_SIZE, "fillSize");
      case MatchTerms m -> {
        distinct(m.trader().equals(m.maker()));
        positive(m.price(), Rejection.ZERO_PRICE, "price");
        positive(m.size(), Rejection.ZERO_SIZE, "size");
        positive(m.traderMargin(), Rejection.ZERO_MARGIN, "traderMargin");
        positive(m.makerMargin(), Rejection.ZERO_MARGIN, "makerMargin");
        leverage(m.leverage(), market);
      }
      case Cancel c -> { }
      case CloseTerms c -> {
        distinct(c.trader().equals(c.maker()));
        positive(c.price(), Rejection.ZERO_PRICE, "price");
        positive(c.size(), Rejection.ZERO_SIZE, "size");
      }
      case PriceAttestation p -> positive(p.price(), Rejection.ZERO_PRICE, "price");
    }
  }

  private static void positive(final long value, final Rejection reason, final String field) throws RejectedException {
    if (value <= 0) {
      throw new RejectedException(reason, field + " is zero");
    }
  }

  private static void leverage(final int leverage, final MarketParams market) throws RejectedException {
    if (leverage < 1 || leverage > market.maxLeverage()) {
      throw new RejectedException(Rejection.LEVERAGE_OUT_OF_RANGE,
          "leverage " + leverage + " outside 1.." + market.maxLeverage() + " of " + market.symbol());
    }
  }

  private static void distinct(final boolean same) throws RejectedException {
    if (same) {
      throw new RejectedException(Rejection.SAME_PARTY);
    }
  }
}
