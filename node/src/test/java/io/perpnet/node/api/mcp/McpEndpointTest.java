package io.perpnet.node.api.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.perpnet.node.api.auth.RateLimiter;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.auth.Tokens;
import io.perpnet.node.api.dashboard.DashboardFiles;
import io.perpnet.node.api.http.ApiHandler;
import io.perpnet.node.api.http.HttpServer;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.http.Router;
import io.perpnet.node.api.json.Body;
import io.perpnet.node.api.json.Field;
import io.perpnet.node.config.ApiConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP endpoint on the API's server, without a node: tools over a few routes, driven by the
 * official Java SDK's streamable HTTP client and by hand where the protocol's edges are (no
 * session, a session of another token, GET, DELETE, a foreign origin); a tool's refusal is a tool
 * error with the route's code and field, and nothing reaches the route that should not.
 */
class McpEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path dir;
  private HttpServer server;
  private Tokens tokens;
  private final AtomicInteger made = new AtomicInteger();
  private final AtomicInteger moved = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private McpEndpoint mcp;

  @BeforeEach
  void start() throws Exception {
    tokens = Tokens.loadOrCreate(dir.resolve("api"));
    final List<Field> body = List.of(Field.decimal("size", true, "a size"), Field.integer("n", false, 1, 5, "n"));
    final Router router = new Router(List.of(
        Route.get("/v1/things/{id}", Scope.READ, "read", "a thing",
            r -> JsonNodeFactory.instance.objectNode().put("id", r.param("id")).put("q", r.query("q").orElse(""))),
        Route.post("/v1/things", Scope.TRADE, body, "make", "a thing", r -> {
          final long units = Body.check(r.body(), body).units("size", 8).orElseThrow();
          made.incrementAndGet();
          return JsonNodeFactory.instance.objectNode().put("units", units);
        }),
        Route.post("/v1/money", Scope.FULL, List.of(), "move", "moved", r -> {
          moved.incrementAndGet();
          return JsonNodeFactory.instance.objectNode().put("moved", true);
        })));
    final RouteCalls calls = new RouteCalls(router);
    final List<Tool> tools = List.of(
        ToolBuilder.tool(calls, "read_thing", "Reads one thing by its id.").id("id", "its id").query("q", "a filter")
            .calls("GET", "/v1/things/{id}"),
        ToolBuilder.tool(calls, "make_thing", "Makes a thing of a size.").calls("POST", "/v1/things"),
        ToolBuilder.tool(calls, "move_money", "Moves money (a full token only).").calls("POST", "/v1/money"));
    final ApiConfig config = new ApiConfig(Optional.of(new InetSocketAddress("127.0.0.1", 0)), false,
        List.of("localhost", "127.0.0.1"), List.of(), 1000, 1000);
    mcp = new McpEndpoint(tools, List.of(), new McpSessions(System::currentTimeMillis), "test");
    server = new HttpServer(new InetSocketAddress("127.0.0.1", 0),
        () -> new ApiHandler(router, tokens, new RateLimiter(1000, 1000, System::nanoTime), config,
            Executors.newVirtualThreadPerTaskExecutor(), new DashboardFiles(), mcp),
        ChannelInboundHandlerAdapter::new);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  private McpSyncClient client(final Scope scope) {
    final String token = tokens.token(scope);
    final McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder(base()).endpoint("/mcp")
        .httpRequestCustomizer((b, method, uri, body, context) -> b.header("Authorization", "Bearer " + token))
        .build()).requestTimeout(Duration.ofSeconds(10)).build();
    c.initialize();
    return c;
  }

  private static String text(final McpSchema.CallToolResult r) {
    return ((McpSchema.TextContent) r.content().getFirst()).text();
  }

  private static McpSchema.CallToolResult call(final McpSyncClient c, final String tool, final Map<String, Object> args) {
    return c.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  @Test
  void theToolsCarryTheRoutesSchemasAndAnswerWithTheRoutesJson() throws Exception {
    try (McpSyncClient c = client(Scope.TRADE)) {
      final var tools = c.listTools().tools();
      assertEquals(List.of("read_thing", "make_thing", "move_money"), tools.stream().map(McpSchema.Tool::name).toList());
      final Map<String, Object> make = tools.get(1).inputSchema();
      assertEquals("object", make.get("type"));
      assertEquals(List.of("size"), make.get("required"), "the route's required field");
      assertEquals(Boolean.FALSE, make.get("additionalProperties"));
      assertEquals(List.of("id"), tools.getFirst().inputSchema().get("required"), "a path parameter is required");
      final McpSchema.CallToolResult ok = call(c, "make_thing", Map.of("size", "0.015", "n", 2));
      assertFalse(ok.isError(), text(ok));
      assertEquals(1_500_000, JSON.readTree(text(ok)).path("units").asLong());
      final JsonNode read = JSON.readTree(text(call(c, "read_thing", Map.of("id", "ab12", "q", "x y"))));
      assertEquals("ab12", read.path("id").asText());
      assertEquals("x y", read.path("q").asText(), "a query argument, encoded and decoded");
    }
  }

  @Test
  void aBadArgumentIsAToolErrorNamingTheFieldAndReachesNoRoute() {
    try (McpSyncClient c = client(Scope.FULL)) {
      final McpSchema.CallToolResult number = call(c, "make_thing", Map.of("size", 0.015));
      assertTrue(number.isError());
      assertTrue(text(number).startsWith("VALIDATION: size: must be a string"), text(number));
      assertTrue(text(number).contains("(field: size). Fix that argument and call again"), text(number));
      final McpSchema.CallToolResult unknown = call(c, "make_thing", Map.of("size", "1", "sizee", "1"));
      assertTrue(text(unknown).startsWith("VALIDATION: sizee: unknown argument (this tool takes n, size)"),
          text(unknown));
      final McpSchema.CallToolResult missing = call(c, "make_thing", Map.of());
      assertTrue(text(missing).contains("(field: size)"), text(missing));
      final McpSchema.CallToolResult range = call(c, "make_thing", Map.of("size", "1", "n", 9));
      assertTrue(text(range).contains("(field: n)"), text(range));
      final McpSchema.CallToolResult exact = call(c, "make_thing", Map.of("size", "0.000000001"));
      assertTrue(text(exact).startsWith("VALIDATION: ") && text(exact).contains("(field: size)"), text(exact));
      final McpSchema.CallToolResult path = call(c, "read_thing", Map.of("id", "../money"));
      assertTrue(text(path).contains("(field: id)"), "an id cannot leave its path segment: " + text(path));
      assertEquals(0, made.get());
    }
  }

  @Test
  void eachToolKeepsItsRoutesScope() {
    try (McpSyncClient read = client(Scope.READ); McpSyncClient trade = client(Scope.TRADE)) {
      assertFalse(read.callTool(new McpSchema.CallToolRequest("read_thing", Map.of("id", "1"))).isError());
      final McpSchema.CallToolResult make = call(read, "make_thing", Map.of("size", "1"));
      assertTrue(text(make).startsWith("FORBIDDEN: this route needs a trade token; this one is read"), text(make));
      final McpSchema.CallToolResult move = call(trade, "move_money", Map.of());
      assertTrue(text(move).startsWith("FORBIDDEN: this route needs a full token; this one is trade"), text(move));
      assertEquals(0, made.get());
      assertEquals(0, moved.get());
    }
  }

  private HttpResponse<String> raw(final String method, final String path, final String token, final String session,
      final String body, final Map<String, String> headers) throws Exception {
    final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Accept", "application/json, text/event-stream");
    if (!headers.containsKey("Content-Type")) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
      + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

  @Test
  void aSessionBelongsToItsTokenAndEndsWithDelete() throws Exception {
    final String trade = tokens.token(Scope.TRADE);
    assertEquals(401, raw("POST", "/mcp", null, null, INITIALIZE, Map.of()).statusCode());
    final HttpResponse<String> init = raw("POST", "/mcp", trade, null, INITIALIZE, Map.of());
    assertEquals(200, init.statusCode(), init.body());
    final String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertEquals(32, session.length());
    assertEquals("perpnet-node", JSON.readTree(init.body()).path("result").path("serverInfo").path("name").asText());
    assertEquals(202, raw("POST", "/mcp", trade, session, "{\"jsonrpc\":\"2.0\",\"method\":"
        + "\"notifications/initialized\"}", Map.of()).statusCode());
    final HttpResponse<String> list = raw("POST", "/mcp", trade, session, LIST, Map.of());
    assertEquals(3, JSON.readTree(list.body()).path("result").path("tools").size(), list.body());

    assertEquals(400, raw("POST", "/mcp", trade, null, LIST, Map.of()).statusCode(), "no session: initialize first");
    assertEquals(404, raw("POST", "/mcp", trade, "00" + session.substring(2), LIST, Map.of()).statusCode());
    assertEquals(404, raw("POST", "/mcp", tokens.token(Scope.FULL), session, LIST, Map.of()).statusCode(),
        "another token does not find this session");
    final HttpResponse<String> put = raw("PUT", "/mcp", trade, session, LIST, Map.of());
    assertEquals(405, put.statusCode());
    assertEquals("GET, POST, DELETE", put.headers().firstValue("Allow").orElseThrow());
    assertEquals(400, raw("GET", "/mcp", trade, null, null, Map.of()).statusCode(), "a stream needs a session");
    assertEquals(404, raw("GET", "/mcp", tokens.token(Scope.READ), session, null, Map.of()).statusCode());
    assertEquals(204, raw("DELETE", "/mcp", trade, session, null, Map.of()).statusCode());
    assertEquals(404, raw("POST", "/mcp", trade, session, LIST, Map.of()).statusCode(), "ended");
    assertEquals(404, raw("DELETE", "/mcp", trade, session, null, Map.of()).statusCode());
  }

  @Test
  void aSubscribedResourceIsToldOfEachChangeOnTheSessionsStream() throws Exception {
    final String trade = tokens.token(Scope.TRADE);
    final String session = raw("POST", "/mcp", trade, null, INITIALIZE, Map.of()).headers()
        .firstValue("Mcp-Session-Id").orElseThrow();
    final HttpResponse<String> bad = raw("POST", "/mcp", trade, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":"
        + "\"resources/subscribe\",\"params\":{\"uri\":\"perp://nothing\"}}", Map.of());
    assertEquals(-32602, JSON.readTree(bad.body()).path("error").path("code").asInt(), bad.body());
    final HttpResponse<String> sub = raw("POST", "/mcp", trade, session, "{\"jsonrpc\":\"2.0\",\"id\":\"s\","
        + "\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"perp://positions\"}}", Map.of());
    assertEquals("s", JSON.readTree(sub.body()).path("id").asText(), sub.body());
    assertTrue(JSON.readTree(sub.body()).path("result").isObject(), sub.body());

    final HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base() + "/mcp"))
        .header("Authorization", "Bearer " + trade).header("Mcp-Session-Id", session)
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElseThrow());
    final java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(),
        java.nio.charset.StandardCharsets.UTF_8));
    final var firstData = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("data: ")) {
            return line.substring("data: ".length());
          }
        }
        return null;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    // the stream was this session's before its head was written
    mcp.changed(new io.perpnet.node.store.Event(1, "price.updated", new byte[0], List.of())); // not subscribed
    mcp.changed(new io.perpnet.node.store.Event(2, "position.opened", new byte[0], List.of()));
    final JsonNode n = JSON.readTree(firstData.get(10, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals("notifications/resources/updated", n.path("method").asText());
    assertEquals("perp://positions", n.path("params").path("uri").asText(), "the markets were not subscribed");
    assertEquals(204, raw("DELETE", "/mcp", trade, session, null, Map.of()).statusCode());
    stream.body().close();
  }

  @Test
  void garbageAForeignOriginAndBadGuardRailsAreRefusedBeforeAnySession() throws Exception {
    final String trade = tokens.token(Scope.TRADE);
    final HttpResponse<String> garbage = raw("POST", "/mcp", trade, null, "{\"jsonrpc\":", Map.of());
    assertEquals(400, garbage.statusCode());
    assertEquals(-32700, JSON.readTree(garbage.body()).path("error").path("code").asInt(), garbage.body());
    final HttpResponse<String> origin = raw("POST", "/mcp", trade, null, INITIALIZE,
        Map.of("Origin", "http://evil.example"));
    assertEquals(403, origin.statusCode());
    assertEquals("FORBIDDEN", JSON.readTree(origin.body()).path("code").asText());
    final HttpResponse<String> budget = raw("POST", "/mcp?budgetUsdc=lots", trade, null, INITIALIZE, Map.of());
    assertEquals(400, budget.statusCode());
    assertTrue(budget.body().contains("budgetUsdc"), budget.body());
    final HttpResponse<String> unknown = raw("POST", "/mcp?budget=5", trade, null, INITIALIZE, Map.of());
    assertEquals(400, unknown.statusCode());
    assertNotNull(JSON.readTree(unknown.body()).path("error").path("message").asText(null));
    final HttpResponse<String> text = raw("POST", "/mcp", trade, null, INITIALIZE, Map.of("Content-Type", "text/plain"));
    assertEquals(415, text.statusCode(), text.body());
  }
}
