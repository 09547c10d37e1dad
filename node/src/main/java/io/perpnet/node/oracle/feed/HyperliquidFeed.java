package io.perpnet.node.oracle.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Hyperliquid's mid prices: {@code POST <base>/info} with {@code {"type": "allMids"}}, answered
 * with one object of every coin's mid as a decimal string, {@code {"BTC": "70123.5", ...}}. One
 * answer serves every market for {@link #REUSE_MS}; the price is taken as observed when it
 * arrived.
 */
public final class HyperliquidFeed implements PriceFeed {
  public static final URI DEFAULT_BASE = URI.create("https://api.hyperliquid.xyz");
  static final long REUSE_MS = 250;
  private final URI base;
  private final JsonHttp http;
  private final LongSupplier clock;
  private JsonNode mids;
  private long midsAtMs;

  public HyperliquidFeed(final URI base, final Duration timeout, final LongSupplier clock) {
    this.base = base;
    this.http = new JsonHttp(timeout);
    this.clock = clock;
  }

  @Override
  public SourcePrice read(final String symbol) throws FeedException {
    final long now = clock.getAsLong();
    if (mids == null || now - midsAtMs >= REUSE_MS || now < midsAtMs) {
      final JsonNode answer = http.post(base.resolve("/info"), "{\"type\":\"allMids\"}");
      if (!answer.isObject()) {
        throw new FeedException(FeedException.Reason.MALFORMED, "hyperliquid's allMids is not an object");
      }
      mids = answer;
      midsAtMs = now;
    }
    final JsonNode mid = mids.get(JsonHttp.coin(symbol));
    if (mid == null) {
      throw new FeedException(FeedException.Reason.UNKNOWN_SYMBOL, "hyperliquid has no mid for " + JsonHttp.coin(symbol));
    }
    return new SourcePrice(PriceText.parse(mid.isTextual() ? mid.asText() : null, "hyperliquid's mid"), midsAtMs);
  }

  @Override
  public String describe() {
    return "hyperliquid(" + base + ")";
  }
}
