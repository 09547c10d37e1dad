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
 * Hyperliquid's mid or mark prices as a maker's reference price, read with one {@code allMids}
 * (or {@code metaAndAssetCtxs}) at most every {@code maxAgeMs} for every market; when the venue
 * does not answer, no price (the maker passes) rather than an old one.
 */
public final class HyperliquidPrices implements ReferencePrice {
  /** Which of Hyperliquid's prices. */
  public enum Price { MID, MARK }

  private static final Logger LOG = LoggerFactory.getLogger(HyperliquidPrices.class);
  private final InfoClient info;
  private final LongSupplier clock;
  private final long maxAgeMs;
  private final Price which;
  private Map<String, BigDecimal> mids = Map.of();
  private long readAtMs = Long.MIN_VALUE;

  public HyperliquidPrices(final InfoClient info, final LongSupplier clock, final long maxAgeMs) {
    this(info, clock, maxAgeMs, Price.MID);
  }

  public HyperliquidPrices(final InfoClient info, final LongSupplier clock, final long maxAgeMs, final Price which) {
    this.info = info;
    this.clock = clock;
    this.maxAgeMs = maxAgeMs;
    this.which = which;
  }

  @Override
  public synchronized Optional<BigDecimal> price(final String market, final MarketView view) {
    final long now = clock.getAsLong();
    if (readAtMs == Long.MIN_VALUE || now - readAtMs >= maxAgeMs) {
      try {
        mids = which == Price.MID ? info.allMids() : marks();
        readAtMs = now;
      } catch (HyperliquidException e) {
        LOG.warn("no Hyperliquid prices: {}", e.getMessage());
        mids = Map.of();
        readAtMs = Long.MIN_VALUE;
      }
    }
    return Optional.ofNullable(mids.get(Coins.coinOf(market)));
  }

  private Map<String, BigDecimal> marks() throws HyperliquidException {
    final Map<String, BigDecimal> out = new java.util.HashMap<>();
    info.assetContexts().forEach(c -> out.put(c.coin(), c.markPx()));
    return out;
  }
}
