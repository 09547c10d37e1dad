package io.perpnet.sdk.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted HTTP server on 127.0.0.1: the token, typed errors, 429 retried. */
class TransportTest {
  private HttpServer server;
  private final Deque<String[]> answers = new ArrayDeque<>(); // status, body
  private final List<String> seen = new ArrayList<>();
  private NodeClient client;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      seen.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + x.getRequestHeaders().getFirst("Authorization")
          + " " + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      final String[] a = answers.isEmpty() ? new String[] {"500", "{}"} : answers.poll();
      final byte[] body = a[1].getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(Integer.parseInt(a[0]), body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    client = new NodeClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "tok",
        Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void sendsTheBearerTokenAndTheBodyAndReadsTheAnswer() throws Exception {
    answers.add(new String[] {"200", "{\"id\":\"q1\",\"intentId\":\"i1\",\"price\":\"70560\",\"size\":\"0.001\"}"});
    final var q = client.quote(io.perpnet.sdk.model.QuoteRequest.of("i1", new java.math.BigDecimal("70560.000000")));
    assertEquals("q1", q.id());
    assertEquals("POST /v1/quotes Bearer tok {\"intentId\":\"i1\",\"price\":\"70560.000000\"}", seen.getFirst());
  }

  @Test
  void errorsComeTypedWithTheApiCodeAndDetails() {
    answers.add(new String[] {"400", "{\"code\":\"VALIDATION\",\"message\":\"size: too many places\","
        + "\"retryable\":false,\"details\":{\"field\":\"size\"}}"});
    final var v = assertThrows(ApiException.Validation.class, () -> client.health());
    assertEquals("size", v.field());
    assertEquals(400, v.httpStatus());
    answers.add(new String[] {"409", "{\"code\":\"PAUSED\",\"message\":\"the market is paused\",\"retryable\":true}"});
    final var passed = assertThrows(ApiException.class, () -> client.health());
    assertEquals("PAUSED", passed.code(), "the escrow's reason by its name");
    assertTrue(passed.retryable());
    answers.add(new String[] {"403", "{\"code\":\"RISK_LIMIT\",\"message\":\"x\",\"details\":{\"limit\":\"maxLeverage\"}}"});
    assertEquals("maxLeverage", assertInstanceOf(ApiException.RiskRefused.class,
        assertThrows(ApiException.class, () -> client.health())).details().path("limit").asText());
  }

  @Test
  void aRateLimitIsWaitedOutAsTheNodeSaysThenRetried() throws Exception {
    answers.add(new String[] {"429", "{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\",\"retryable\":true,"
        + "\"details\":{\"retryAfterMs\":5}}"});
    answers.add(new String[] {"200", "{\"status\":\"ok\",\"chainWatch\":\"subscribed\",\"peers\":3}"});
    assertEquals(3, client.health().peers());
    assertEquals(2, seen.size());
    for (int i = 0; i < 4; i++) {
      answers.add(new String[] {"429", "{\"code\":\"RATE_LIMITED\",\"message\":\"no\",\"details\":{\"retryAfterMs\":1}}"});
    }
    assertThrows(ApiException.RateLimited.class, () -> client.health(), "at most three retries");
  }

  @Test
  void aNodeThatIsNotThereIsUnreachableAndRetryable() {
    server.stop(0);
    final var e = assertThrows(ApiException.Unreachable.class, () -> client.health());
    assertTrue(e.retryable());
    assertEquals("UNREACHABLE", e.code());
  }
}
