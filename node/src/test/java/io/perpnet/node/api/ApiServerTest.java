package io.perpnet.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.perpnet.node.api.auth.RateLimiter;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.auth.Tokens;
import io.perpnet.node.api.http.ApiHandler;
import io.perpnet.node.api.http.HttpServer;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.http.Router;
import io.perpnet.node.api.json.Body;
import io.perpnet.node.api.json.Field;
import io.perpnet.node.config.ApiConfig;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's server without a node: a route with a typed body behind the checks every request
 * passes (host, token, scope, rate, content type, JSON, body fields and size), each refusal with
 * its code, and nothing reaching the route when refused.
 */
class ApiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path dir;
  private HttpServer server;
  private Tokens tokens;
  private final AtomicInteger handled = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final HttpClient http = HttpClient.newHttpClient();
  /** How far the fake clock moves before each request (0: the rate test's frozen time). */
  private long stepNanos;

  @BeforeEach
  void start() throws Exception {
    tokens = Tokens.loadOrCreate(dir.resolve("api"));
    final List<Field> body = List.of(Field.decimal("size", true, "a size"), Field.integer("n", false, 1, 5, "n"));
    final Router router = new Router(List.of(
        Route.get("/v1/open", null, "public", "ok", r -> JsonNodeFactory.instance.objectNode().put("ok", true)),
        Route.get("/v1/things/{id}", Scope.READ, "read", "a thing", r -> {
          handled.incrementAndGet();
          return JsonNodeFactory.instance.objectNode().put("id", r.param("id"));
        }),
        Route.post("/v1/things", Scope.TRADE, body, "make", "a thing", r -> {
          final long units = Body.check(r.body(), body).units("size", 8).orElseThrow();
          handled.incrementAndGet();
          return JsonNodeFactory.instance.objectNode().put("units", units);
        })));
    final ApiConfig config = new ApiConfig(Optional.of(new InetSocketAddress("127.0.0.1", 0)), false,
        List.of("localhost", "127.0.0.1"), List.of("http://app.example"), 5, 3);
    final RateLimiter rate = new RateLimiter(config.ratePerSecond(), config.burst(), nanos::get);
    server = new HttpServer(new InetSocketAddress("127.0.0.1", 0),
        () -> new ApiHandler(router, tokens, rate, config, Executors.newVirtualThreadPerTaskExecutor(),
            new io.perpnet.node.api.dashboard.DashboardFiles(), new io.perpnet.node.api.mcp.McpEndpoint(List.of(), List.of(),
                new io.perpnet.node.api.mcp.McpSessions(System::currentTimeMillis), "test")),
        ChannelInboundHandlerAdapter::new);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(final String method, final String path, final String token, final String body,
      final String contentType) throws Exception {
    nanos.addAndGet(stepNanos);
    final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
        + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(final String token, final String body) throws Exception {
    return send("POST", "/v1/things", token, body, "application/json");
  }

  private static void refused(final HttpResponse<String> r, final int status, final String code, final String field)
      throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    final JsonNode e = JSON.readTree(r.body());
    assertEquals(code, e.path("code").asText(), r.body());
    assertTrue(e.path("message").isTextual() && e.path("retryable").isBoolean() && e.path("details").isObject(),
        r.body());
    if (field != null) {
      assertEquals(field, e.path("details").path("field").asText(), r.body());
    }
  }

  @Test
  void tokensAreFilesOfTheOwnerOnlyAndScopesNest() throws Exception {
    for (final Scope s : Scope.values()) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.file(s))));
    }
    assertEquals(tokens.token(Scope.FULL), Tokens.loadOrCreate(dir.resolve("api")).token(Scope.FULL),
        "a restart keeps the tokens");
    final String read = tokens.token(Scope.READ);
    assertEquals(200, send("GET", "/v1/things/7", read, null, null).statusCode());
    assertEquals(200, send("GET", "/v1/things/7", tokens.token(Scope.FULL), null, null).statusCode());
    refused(post(read, "{\"size\":\"1\"}"), 403, "FORBIDDEN", null);
    assertEquals(200, post(tokens.token(Scope.TRADE), "{\"size\":\"0.015\"}").statusCode());
    assertEquals(1_500_000, JSON.readTree(post(tokens.token(Scope.FULL), "{\"size\":\"0.015\"}").body())
        .path("units").asLong());
  }

  @Test
  void everyBadRequestGetsItsCodeAndReachesNoRoute() throws Exception {
    stepNanos = 1_000_000_000L; // within the rate
    final String trade = tokens.token(Scope.TRADE);
    refused(send("GET", "/v1/things/7", null, null, null), 401, "UNAUTHORIZED", null);
    refused(send("GET", "/v1/things/7", "0".repeat(64), null, null), 401, "UNAUTHORIZED", null);
    refused(post(trade, "{\"size\": "), 400, "MALFORMED_JSON", null);
    refused(post(trade, "{\"size\":\"1\",\"size\":\"2\"}"), 400, "MALFORMED_JSON", null);
    refused(post(trade, "{\"size\":\"1\"} {}"), 400, "MALFORMED_JSON", null);
    refused(post(trade, "{\"size\": 0.015}"), 400, "VALIDATION", "size");
    refused(post(trade, "{\"size\":\"1e3\"}"), 400, "VALIDATION", "size");
    refused(post(trade, "{\"size\":\"0.000000001\"}"), 400, "VALIDATION", "size");
    refused(post(trade, "{\"size\":\"1\",\"colour\":\"red\"}"), 400, "VALIDATION", "colour");
    refused(post(trade, "{\"size\":\"1\",\"n\":9}"), 400, "VALIDATION", "n");
    refused(post(trade, "{\"size\":\"1\",\"n\":\"2\"}"), 400, "VALIDATION", "n");
    refused(post(trade, "{}"), 400, "VALIDATION", "size");
    refused(post(trade, "[1]"), 400, "VALIDATION", "body");
    refused(post(trade, "{\"size\":\"" + "1".repeat(70_000) + "\"}"), 413, "BODY_TOO_LARGE", null);
    refused(send("POST", "/v1/things", trade, "size=1", "application/x-www-form-urlencoded"), 415,
        "UNSUPPORTED_MEDIA_TYPE", null);
    refused(send("GET", "/v1/nothing", trade, null, null), 404, "NOT_FOUND", null);
    refused(send("DELETE", "/v1/things", trade, null, null), 405, "METHOD_NOT_ALLOWED", null);
    assertEquals(0, handled.get(), "no refused request reached the route");
  }

  @Test
  void theDashboardIsServedWithoutATokenUnderAPolicyThatAllowsOnlyThisOrigin() throws Exception {
    final HttpResponse<String> page = send("GET", "/", null, null, null);
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    final String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'")
        && csp.contains("connect-src 'self'"), csp);
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
    final java.util.regex.Matcher linked = java.util.regex.Pattern.compile("(?:src|href)=\"(/dashboard/[^\"]+)\"")
        .matcher(page.body());
    int files = 0;
    while (linked.find()) { // every file the page loads is in the jar, the npm-bundled uPlot included
      final HttpResponse<String> f = send("GET", linked.group(1), null, null, null);
      assertEquals(200, f.statusCode(), linked.group(1));
      assertTrue(f.body().length() > 100, linked.group(1));
      files++;
    }
    assertEquals(4, files, "uPlot's script and style, the dashboard's own");
    refused(send("GET", "/dashboard/../pom.xml", null, null, null), 401, "UNAUTHORIZED", null);
    refused(send("GET", "/dashboard/secret.txt", tokens.token(Scope.READ), null, null), 404, "NOT_FOUND", null);
    try (Socket s = new Socket("127.0.0.1", server.address().getPort())) { // the DNS-rebinding guard applies
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      assertTrue(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("HTTP/1.1 403"));
    }
  }

  @Test
  void aBrowserOffersItsTokenAsAWebSocketSubprotocol() throws Exception {
    final URI ws = URI.create("ws://127.0.0.1:" + server.address().getPort() + HttpServer.WS_PATH);
    final java.net.http.WebSocket.Listener quiet = new java.net.http.WebSocket.Listener() {};
    final java.net.http.WebSocket open = http.newWebSocketBuilder()
        .subprotocols(HttpServer.WS_SUBPROTOCOL, "bearer." + tokens.token(Scope.READ)).buildAsync(ws, quiet)
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(HttpServer.WS_SUBPROTOCOL, open.getSubprotocol(), "the server selects perp.v1, never the token");
    open.abort();
    final var refused = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
        () -> http.newWebSocketBuilder().subprotocols(HttpServer.WS_SUBPROTOCOL, "bearer." + "0".repeat(64))
            .buildAsync(ws, quiet).get(10, java.util.concurrent.TimeUnit.SECONDS));
    final var handshake = org.junit.jupiter.api.Assertions.assertInstanceOf(
        java.net.http.WebSocketHandshakeException.class, refused.getCause());
    assertEquals(401, handshake.getResponse().statusCode());
  }

  @Test
  void aForeignHostHeaderIsRefused() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
      s.getOutputStream().write(("GET /v1/things/7 HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer "
          + tokens.token(Scope.READ) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      final String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
      assertTrue(answer.contains("\"code\":\"BAD_HOST\""), answer);
    }
    assertEquals(0, handled.get());
  }

  @Test
  void aTokenBeyondItsRateGets429WithRetryAfterUntilTheBucketRefills() throws Exception {
    final String read = tokens.token(Scope.READ);
    for (int i = 0; i < 3; i++) {
      assertEquals(200, send("GET", "/v1/things/" + i, read, null, null).statusCode(), "the burst of 3");
    }
    final HttpResponse<String> limited = send("GET", "/v1/things/9", read, null, null);
    refused(limited, 429, "RATE_LIMITED", null);
    assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(JSON.readTree(limited.body()).path("retryable").asBoolean());
    assertEquals(200, send("GET", "/v1/things/1", tokens.token(Scope.TRADE), null, null).statusCode(),
        "another token has its own bucket");
    nanos.addAndGet(200_000_000L); // 5/s: one more after 200 ms
    assertEquals(200, send("GET", "/v1/things/8", read, null, null).statusCode());
    refused(send("GET", "/v1/things/9", read, null, null), 429, "RATE_LIMITED", null);
    assertEquals(200, send("GET", "/v1/open", null, null, null).statusCode(), "a public route needs no token");
  }

  @Test
  void corsAnswersOnlyTheConfiguredOrigins() throws Exception {
    final HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.address().getPort() + "/v1/things/7")).header("Origin", "http://app.example")
        .header("Authorization", "Bearer " + tokens.token(Scope.READ)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("http://app.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    final HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.address().getPort() + "/v1/things/7")).header("Origin", "http://evil.example")
        .header("Authorization", "Bearer " + tokens.token(Scope.READ)).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }
}
