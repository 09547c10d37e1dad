package io.perpnet.sdk.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to one node with one bearer token (java.net.http). A 429 is waited out and retried
 * (its {@code Retry-After}, at most {@code rateRetries} times); every other error is thrown as the
 * node's {@link ApiException}, a connection failure as {@link ApiException.Unreachable}.
 */
final class Transport {
  private final HttpClient http;
  private final URI base;
  private final String token;
  private final Duration timeout;
  private final int rateRetries;

  Transport(final URI base, final String token, final Duration timeout, final int rateRetries) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.base = base;
    this.token = token;
    this.timeout = timeout;
    this.rateRetries = rateRetries;
  }

  URI base() {
    return base;
  }

  String token() {
    return token;
  }

  JsonNode send(final String method, final String path, final Object body) throws ApiException {
    final HttpRequest.BodyPublisher publisher;
    try {
      publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the request body: " + e.getMessage(), e);
    }
    final HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
        .header("Authorization", "Bearer " + token).method(method, publisher);
    if (body != null) {
      req.header("Content-Type", "application/json");
    }
    for (int attempt = 0; ; attempt++) {
      final HttpResponse<byte[]> res;
      try {
        res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        throw new ApiException.Unreachable(method + " " + base.resolve(path) + ": " + (e.getMessage() == null
            ? e.getClass().getSimpleName() + " (is the node running at " + base + "?)" : e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException.Unreachable(method + " " + path + ": interrupted");
      }
      final JsonNode tree = tree(res);
      if (res.statusCode() == 200) {
        return tree;
      }
      final ApiException error = ApiException.of(res.statusCode(), tree);
      if (!(error instanceof ApiException.RateLimited limited) || attempt >= rateRetries) {
        throw error;
      }
      try {
        Thread.sleep(Math.max(1, limited.retryAfterMs())); // the node said when; a backoff, not a synchronisation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw error;
      }
    }
  }

  private static JsonNode tree(final HttpResponse<byte[]> res) throws ApiException {
    try {
      return Json.MAPPER.readTree(res.body());
    } catch (IOException e) {
      throw new ApiException("MALFORMED_ANSWER", "the node answered " + res.statusCode() + " with no JSON: "
          + e.getMessage(), res.statusCode(), false, null);
    }
  }
}
