package io.perpnet.sdk.agents;

import io.perpnet.sdk.strategy.MarketView;
import java.math.BigDecimal;
import java.util.Optional;

/** Where a maker takes the price it quotes around: the oracle's, or an external venue's. */
@FunctionalInterface
public interface ReferencePrice {
  /** The oracle price on chain, when it is fresh. */
  ReferencePrice ORACLE = (market, view) -> view.priced() ? Optional.of(view.oracle().price()) : Optional.empty();

  Optional<BigDecimal> price(String market, MarketView view);
}
