package io.perpnet.node.oracle.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One JSON request to a price endpoint, with a deadline, and every way it can go wrong mapped to
 * a {@link FeedException}: no answer in time (TIMEOUT), a connection failure or a status other
 * than 200 (UNAVAILABLE), a body that is not JSON or too large (MALFORMED).
 */
final class JsonHttp {
  static final int MAX_BODY = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final Duration timeout;

  JsonHttp(final Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  JsonNode get(final URI uri) throws FeedException {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  JsonNode post(final URI uri, final String json) throws FeedException {
    return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private JsonNode send(final HttpRequest.Builder request) throws FeedException {
    final HttpRequest r = request.timeout(timeout).header("Accept", "application/json").build();
    final HttpResponse<byte[]> response;
    try {
      response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new FeedException(FeedException.Reason.TIMEOUT, r.uri() + " did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new FeedException(FeedException.Reason.UNAVAILABLE, r.uri() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FeedException(FeedException.Reason.UNAVAILABLE, "interrupted reading " + r.uri());
    }
    if (response.statusCode() != 200) {
      throw new FeedException(FeedException.Reason.UNAVAILABLE, r.uri() + " answered status " + response.statusCode());
    }
    if (response.body().length > MAX_BODY) {
      throw new FeedException(FeedException.Reason.MALFORMED, r.uri() + " answered " + response.body().length + " bytes");
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new FeedException(FeedException.Reason.MALFORMED, r.uri() + " answered something that is not JSON");
    }
  }

  /** The coin a market symbol names: {@code BTC-PERP} is BTC. */
  static String coin(final String symbol) {
    return symbol.endsWith("-PERP") ? symbol.substring(0, symbol.length() - "-PERP".length()) : symbol;
  }
}
