package io.perpnet.node.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.perpnet.node.api.auth.RateLimiter;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.auth.Tokens;
import io.perpnet.node.api.mcp.McpEndpoint;
import io.perpnet.node.api.mcp.McpHttp;
import io.perpnet.node.config.ApiConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP request, in this order (cheapest first): the Host header against the allowlist
 * (DNS-rebinding guard), CORS preflight, the route (404, 405), the bearer token (401) and its scope
 * (403), the token's rate (429 with Retry-After), the content type and the JSON body (415, 400),
 * then the route's handler on the worker executor. One request at a time per connection: reading
 * pauses until the answer is written, so answers keep the requests' order and a client cannot
 * queue work without bound. A request to the WebSocket path that passes the checks is handed on to
 * the upgrade.
 */
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  /** Strict JSON: no duplicate keys, nothing after the value, at most 32 levels deep. */
  public static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
        .maxNumberLength(40).maxStringLength(HttpServer.MAX_BODY_BYTES).build());
  }

  private final Router router;
  private final Tokens tokens;
  private final RateLimiter rate;
  private final ApiConfig config;
  private final Executor workers;
  private final io.perpnet.node.api.dashboard.DashboardFiles dashboard;
  private final McpHttp mcp;

  public ApiHandler(final Router router, final Tokens tokens, final RateLimiter rate, final ApiConfig config,
      final Executor workers, final io.perpnet.node.api.dashboard.DashboardFiles dashboard, final McpEndpoint mcp) {
    super(false);
    this.dashboard = dashboard;
    this.mcp = new McpHttp(mcp, config.corsOrigins(), workers);
    this.router = router;
    this.tokens = tokens;
    this.rate = rate;
    this.config = config;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest req) {
    final String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    final boolean keepAlive = HttpUtil.isKeepAlive(req);
    try {
      if (!req.decoderResult().isSuccess()) {
        throw new ApiError(ErrorCode.VALIDATION, "the request is not valid HTTP/1.1: " + req.decoderResult().cause());
      }
      checkHost(req);
      if (req.method().equals(HttpMethod.OPTIONS) && origin != null) {
        answer(ctx, req, keepAlive, origin, preflight(origin));
        return;
      }
      final QueryStringDecoder uri = new QueryStringDecoder(req.uri());
      final var file = req.method().equals(HttpMethod.GET) ? io.perpnet.node.api.dashboard.DashboardFiles.fileOf(uri.path())
          : java.util.Optional.<String>empty();
      if (file.isPresent()) { // the dashboard's static files: no data in them, no token needed
        answer(ctx, req, keepAlive, origin, dashboard.response(file.get()));
        return;
      }
      final Scope scope = authenticate(req);
      if (uri.path().equals(HttpServer.WS_PATH)) {
        limit(scope);
        ctx.fireChannelRead(req); // the upgrade takes it from here (and releases it)
        return;
      }
      if (uri.path().equals(McpEndpoint.PATH)) { // any token opens a session; each tool checks its route's scope
        mcp.handle(ctx, req, scope, uri, new McpHttp.Connection() {
          @Override
          public void limit(final Scope s) throws ApiError {
            ApiHandler.this.limit(s);
          }

          @Override
          public void write(final ChannelHandlerContext c, final FullHttpResponse r) {
            ApiHandler.this.write(c, keepAlive, origin, r);
          }
        });
        return;
      }
      final List<String> allowed = new ArrayList<>();
      final Router.Match match = router.find(req.method().name(), uri.path(), allowed)
          .orElseThrow(() -> allowed.isEmpty() ? new ApiError(ErrorCode.NOT_FOUND, "no route " + uri.path())
              : new ApiError(ErrorCode.METHOD_NOT_ALLOWED, uri.path() + " answers " + allowed));
      final Route route = match.route();
      if (route.scope() != null) {
        route.authorize(scope);
        limit(scope);
      }
      final JsonNode body = body(req);
      final Request request = new Request(req.method().name(), uri.path(), match.params(), uri.parameters(), body,
          scope);
      req.release();
      ctx.channel().config().setAutoRead(false);
      workers.execute(() -> {
        FullHttpResponse r;
        try {
          r = response(200, route.handler().handle(request));
        } catch (ApiError e) {
          r = error(e);
        } catch (RuntimeException e) {
          LOG.warn("{} {} failed: {}", request.method(), request.path(), e.toString(), e);
          r = error(new ApiError(ErrorCode.INTERNAL, "the node could not answer: " + e));
        }
        final FullHttpResponse answer = r;
        ctx.executor().execute(() -> {
          write(ctx, keepAlive, origin, answer);
          ctx.channel().config().setAutoRead(true);
        });
      });
    } catch (ApiError e) {
      if (req.refCnt() > 0) {
        req.release();
      }
      write(ctx, keepAlive, origin, error(e));
    }
  }

  private void checkHost(final FullHttpRequest req) throws ApiError {
    final String host = req.headers().get(HttpHeaderNames.HOST);
    if (host == null) {
      throw new ApiError(ErrorCode.BAD_HOST, "a Host header is required");
    }
    final String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
        : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
    if (!config.hosts().contains(name.toLowerCase(Locale.ROOT))) {
      throw new ApiError(ErrorCode.BAD_HOST, "host '" + name + "' is not served here (api-hosts)");
    }
  }

  private Scope authenticate(final FullHttpRequest req) throws ApiError {
    final String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    final QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    final boolean open = router.find(req.method().name(), uri.path(), new ArrayList<>())
        .map(m -> m.route().scope() == null).orElse(false);
    final java.util.Optional<String> offered = uri.path().equals(HttpServer.WS_PATH) ? wsToken(req)
        : java.util.Optional.empty();
    if (auth == null && offered.isPresent()) { // a browser cannot set headers on a WebSocket
      return tokens.scopeOf(offered.get()).orElseThrow(() -> new ApiError(ErrorCode.UNAUTHORIZED, "unknown token"));
    }
    if (auth == null || !auth.startsWith("Bearer ")) {
      if (open) {
        return Scope.READ;
      }
      throw new ApiError(ErrorCode.UNAUTHORIZED, "send Authorization: Bearer <token> (the token files are in the"
          + " data directory, api/token-read, token-trade, token-full)");
    }
    return tokens.scopeOf(auth.substring("Bearer ".length()).strip())
        .orElseThrow(() -> new ApiError(ErrorCode.UNAUTHORIZED, "unknown token"));
  }

  /**
   * The token a WebSocket client offers as a subprotocol, {@code bearer.<token>} beside
   * {@link HttpServer#WS_SUBPROTOCOL} (the one the server selects), as browsers must.
   */
  private static java.util.Optional<String> wsToken(final FullHttpRequest req) {
    final String protocols = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
    if (protocols == null) {
      return java.util.Optional.empty();
    }
    for (final String p : protocols.split(",")) {
      final String t = p.strip();
      if (t.startsWith("bearer.")) {
        return java.util.Optional.of(t.substring("bearer.".length()));
      }
    }
    return java.util.Optional.empty();
  }

  private void limit(final Scope scope) throws ApiError {
    final long waitMs = rate.acquire(scope);
    if (waitMs > 0) {
      throw new ApiError(ErrorCode.RATE_LIMITED, "at most " + config.ratePerSecond() + " requests/s per token (burst "
          + config.burst() + "); retry in " + waitMs + " ms", java.util.Map.of("retryAfterMs", waitMs));
    }
  }

  private static JsonNode body(final FullHttpRequest req) throws ApiError {
    if (req.content().readableBytes() == 0) {
      return null;
    }
    final String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "bodies are application/json, not '" + type + "'");
    }
    try {
      return strictTree(req.content().toString(StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ApiError(ErrorCode.MALFORMED_JSON, "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiError(ErrorCode.MALFORMED_JSON, "the body is not JSON: " + e.getMessage());
    }
  }

  /** One JSON value, no duplicate key, nothing after it. */
  public static JsonNode strictTree(final String text) throws IOException {
    try (JsonParser p = JSON.getFactory().createParser(text)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      final JsonNode node = JSON.readTree(p);
      if (node == null) {
        throw new IOException("no JSON value");
      }
      if (p.nextToken() != null) {
        throw new IOException("more after the JSON value");
      }
      return node;
    }
  }

  private FullHttpResponse preflight(final String origin) {
    final FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
    if (config.corsOrigins().contains(origin)) {
      r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, DELETE")
          .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type")
          .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
    }
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    return r;
  }

  private void answer(final ChannelHandlerContext ctx, final FullHttpRequest req, final boolean keepAlive,
      final String origin, final FullHttpResponse r) {
    req.release();
    write(ctx, keepAlive, origin, r);
  }

  private void write(final ChannelHandlerContext ctx, final boolean keepAlive, final String origin,
      final FullHttpResponse r) {
    if (origin != null && config.corsOrigins().contains(origin)) {
      r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin).set(HttpHeaderNames.VARY, "Origin");
    }
    if (keepAlive) {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(r);
    } else {
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
  }

  static FullHttpResponse error(final ApiError e) {
    final FullHttpResponse r = response(e.status(), e.json());
    if (e.code() == ErrorCode.RATE_LIMITED) {
      final long ms = e.json().path("details").path("retryAfterMs").asLong(1000);
      r.headers().set(HttpHeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, (ms + 999) / 1000)));
    }
    if (e.code() == ErrorCode.METHOD_NOT_ALLOWED && e.json().path("details").has("allow")) {
      r.headers().set(HttpHeaderNames.ALLOW, e.json().path("details").path("allow").asText());
    }
    if (e.code() == ErrorCode.UNAUTHORIZED) {
      r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
    }
    return r;
  }

  static FullHttpResponse response(final int status, final JsonNode body) {
    final byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    final FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.wrappedBuffer(bytes));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length).set("Cache-Control", "no-store");
    return r;
  }

  @Override
  public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    LOG.debug("API connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
