package io.perpnet.sdk.hyperliquid.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs JSON to one of Hyperliquid's endpoints ({@code /info}, {@code /exchange}) and reads the
 * answer, numbers as exact decimals (the exchange writes some amounts as JSON numbers). A 429 is
 * {@link HyperliquidException.Kind#RATE_LIMITED}; nothing is retried here (an exchange action is
 * not sent twice behind the caller's back).
 */
public final class HyperliquidHttp {
  public static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI base;

  /** @param base e.g. {@code https://api.hyperliquid.xyz} ({@code Network.defaultBaseUrl()}) or a local replay */
  public HyperliquidHttp(final URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  public JsonNode post(final String path, final JsonNode body) throws HyperliquidException {
    final HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new HyperliquidException(HyperliquidException.Kind.UNREACHABLE, base + path + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyperliquidException(HyperliquidException.Kind.UNREACHABLE, "interrupted");
    }
    if (r.statusCode() == 429) {
      throw new HyperliquidException(HyperliquidException.Kind.RATE_LIMITED, path + ": " + r.body());
    }
    if (r.statusCode() != 200) {
      throw new HyperliquidException(HyperliquidException.Kind.HTTP, path + " answered " + r.statusCode() + ": "
          + r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new HyperliquidException(HyperliquidException.Kind.MALFORMED, path + " answered no JSON: " + r.body());
    }
  }
}
