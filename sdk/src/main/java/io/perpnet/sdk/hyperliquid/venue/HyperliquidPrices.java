package io.perpnet.sdk.hyperliquid.venue;

import io.perpnet.sdk.agents.ReferencePrice;
import io.perpnet.sdk.hyperliquid.http.HyperliquidException;
import io.perpnet.sdk.hyperliquid.info.InfoClient;
import io.perpnet.sdk.strategy.MarketView;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyperliquid's mid prices as a maker's reference price, read with one {@code allMids} at most
 * every {@code maxAgeMs} for every market; when the venue does not answer, no price (the maker
 * passes) rather than an old one.
 */
public final class HyperliquidPrices implements ReferencePrice {
  private static final Logger LOG = LoggerFactory.getLogger(HyperliquidPrices.class);
  private final InfoClient info;
  private final LongSupplier clock;
  private final long maxAgeMs;
  private Map<String, BigDecimal> mids = Map.of();
  private long readAtMs = Long.MIN_VALUE;

  public HyperliquidPrices(final InfoClient info, final LongSupplier clock, final long maxAgeMs) {
    this.info = info;
    this.clock = clock;
    this.maxAgeMs = maxAgeMs;
  }

  @Override
  public synchronized Optional<BigDecimal> price(final String market, final MarketView view) {
    final long now = clock.getAsLong();
    if (readAtMs == Long.MIN_VALUE || now - readAtMs >= maxAgeMs) {
      try {
        mids = info.allMids();
        readAtMs = now;
      } catch (HyperliquidException e) {
        LOG.warn("no Hyperliquid prices: {}", e.getMessage());
        mids = Map.of();
        readAtMs = Long.MIN_VALUE;
      }
    }
    return Optional.ofNullable(mids.get(Coins.coinOf(market)));
  }
}
