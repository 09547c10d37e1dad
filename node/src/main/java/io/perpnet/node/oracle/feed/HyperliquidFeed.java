package io.perpnet.node.oracle.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Hyperliquid's prices: its mids ({@code POST <base>/info} with {@code {"type": "allMids"}},
 * answered with one object of every coin's mid as a decimal string, {@code {"BTC": "70123.5",
 * ...}}) or its mark prices ({@code {"type": "metaAndAssetCtxs"}}: {@code [meta, contexts]}, the
 * i-th context's {@code markPx} being the i-th coin of {@code meta.universe}'s). One answer serves
 * every market for {@link #REUSE_MS}; the price is taken as observed when it arrived.
 */
public final class HyperliquidFeed implements PriceFeed {
  /** Which of Hyperliquid's prices. */
  public enum Price { MID, MARK }

  public static final URI DEFAULT_BASE = URI.create("https://api.hyperliquid.xyz");
  static final long REUSE_MS = 250;
  private final URI base;
  private final JsonHttp http;
  private final LongSupplier clock;
  private final Price price;
  private JsonNode mids;
  private long midsAtMs;

  public HyperliquidFeed(final URI base, final Duration timeout, final LongSupplier clock) {
    this(base, timeout, clock, Price.MID);
  }

  public HyperliquidFeed(final URI base, final Duration timeout, final LongSupplier clock, final Price price) {
    this.base = base;
    this.http = new JsonHttp(timeout);
    this.clock = clock;
    this.price = price;
  }

  @Override
  public SourcePrice read(final String symbol) throws FeedException {
    final long now = clock.getAsLong();
    if (mids == null || now - midsAtMs >= REUSE_MS || now < midsAtMs) {
      mids = price == Price.MID ? mids() : marks();
      midsAtMs = now;
    }
    final JsonNode mid = mids.get(JsonHttp.coin(symbol));
    if (mid == null) {
      throw new FeedException(FeedException.Reason.UNKNOWN_SYMBOL, "hyperliquid has no " + what() + " for "
          + JsonHttp.coin(symbol));
    }
    return new SourcePrice(PriceText.parse(mid.isTextual() ? mid.asText() : null, "hyperliquid's " + what()),
        midsAtMs);
  }

  private String what() {
    return price == Price.MID ? "mid" : "mark";
  }

  private JsonNode mids() throws FeedException {
    final JsonNode answer = http.post(base.resolve("/info"), "{\"type\":\"allMids\"}");
    if (!answer.isObject()) {
      throw new FeedException(FeedException.Reason.MALFORMED, "hyperliquid's allMids is not an object");
    }
    return answer;
  }

  /** Each coin's markPx, as allMids would give its mid. */
  private JsonNode marks() throws FeedException {
    final JsonNode answer = http.post(base.resolve("/info"), "{\"type\":\"metaAndAssetCtxs\"}");
    final JsonNode universe = answer.path(0).path("universe");
    final JsonNode contexts = answer.path(1);
    if (!universe.isArray() || !contexts.isArray() || universe.size() != contexts.size()) {
      throw new FeedException(FeedException.Reason.MALFORMED, "hyperliquid's metaAndAssetCtxs is not [meta, contexts]"
          + " of one length");
    }
    final com.fasterxml.jackson.databind.node.ObjectNode out =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < universe.size(); i++) {
      out.set(universe.get(i).path("name").asText(), contexts.get(i).path("markPx"));
    }
    return out;
  }

  @Override
  public String describe() {
    return (price == Price.MID ? "hyperliquid(" : "hyperliquid-mark(") + base + ")";
  }
}
