package io.perpnet.node.oracle.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Coinbase's public spot price: {@code GET <base>/v2/prices/<COIN>-USD/spot}, answered with
 * {@code {"data": {"amount": "70123.45", "base": "BTC", "currency": "USD"}}}. The answer has no
 * time of its own; the price is taken as observed when the answer arrived. An answer for another
 * pair than the one asked is MALFORMED.
 */
public final class CoinbaseFeed implements PriceFeed {
  public static final URI DEFAULT_BASE = URI.create("https://api.coinbase.com");
  private final URI base;
  private final JsonHttp http;
  private final LongSupplier clock;

  public CoinbaseFeed(final URI base, final Duration timeout, final LongSupplier clock) {
    this.base = base;
    this.http = new JsonHttp(timeout);
    this.clock = clock;
  }

  @Override
  public SourcePrice read(final String symbol) throws FeedException {
    final String coin = JsonHttp.coin(symbol);
    final JsonNode data = http.get(base.resolve("/v2/prices/" + coin + "-USD/spot")).path("data");
    if (!data.path("base").asText().equals(coin) || !data.path("currency").asText().equals("USD")) {
      throw new FeedException(FeedException.Reason.MALFORMED, "coinbase answered for " + data.path("base").asText("?")
          + "-" + data.path("currency").asText("?") + ", not " + coin + "-USD");
    }
    final JsonNode amount = data.path("amount");
    return new SourcePrice(PriceText.parse(amount.isTextual() ? amount.asText() : null, "coinbase's amount"),
        clock.getAsLong());
  }

  @Override
  public String describe() {
    return "coinbase(" + base + ")";
  }
}
