package io.perpnet.node.api.mcp;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code /mcp} as the API's handler passes it on, after the Host header and the token: a page
 * from an origin not configured may not drive it (the protocol's DNS-rebinding rule); {@code
 * DELETE} ends the session, {@code GET} opens its stream, {@code POST} (counted against the
 * token's rate, {@code application/json}) is answered on a worker, as a tool may take seconds.
 */
public final class McpHttp {
  /** What the API's handler provides: the token's rate, and writing an answer (CORS, keep-alive). */
  public interface Connection {
    void limit(Scope scope) throws ApiError;

    void write(ChannelHandlerContext ctx, FullHttpResponse response);
  }

  private final McpEndpoint endpoint;
  private final List<String> origins;
  private final Executor workers;

  public McpHttp(final McpEndpoint endpoint, final List<String> origins, final Executor workers) {
    this.endpoint = endpoint;
    this.origins = List.copyOf(origins);
    this.workers = workers;
  }

  /** Answers the request (and releases it), or throws why not, before anything changed. */
  public void handle(final ChannelHandlerContext ctx, final FullHttpRequest req, final Scope scope,
      final QueryStringDecoder uri, final Connection connection) throws ApiError {
    final String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    if (origin != null && !origins.contains(origin)) {
      throw new ApiError(ErrorCode.FORBIDDEN, "origin '" + origin + "' may not use " + McpEndpoint.PATH
          + " (api-cors-origins)");
    }
    final String session = req.headers().get(McpEndpoint.SESSION_HEADER);
    if (req.method().equals(HttpMethod.DELETE)) {
      req.release();
      connection.write(ctx, McpResponses.of(endpoint.delete(scope, session)));
    } else if (req.method().equals(HttpMethod.GET)) {
      if (session == null) {
        throw ApiError.field(McpEndpoint.SESSION_HEADER, "required: initialize first");
      }
      final ResourceStream stream = endpoint.stream(scope, session)
          .orElseThrow(() -> new ApiError(ErrorCode.NOT_FOUND, "no session " + session + " for this token"));
      req.release();
      stream.open(ctx.channel());
    } else if (req.method().equals(HttpMethod.POST)) {
      connection.limit(scope);
      final String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
      if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        throw new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "MCP messages are application/json, not '" + type + "'");
      }
      final byte[] body = ByteBufUtil.getBytes(req.content());
      req.release();
      ctx.channel().config().setAutoRead(false); // one message at a time per connection, as for REST
      workers.execute(() -> {
        final FullHttpResponse answer = McpResponses.of(endpoint.post(scope, session, uri.parameters(), body));
        ctx.executor().execute(() -> {
          connection.write(ctx, answer);
          ctx.channel().config().setAutoRead(true);
        });
      });
    } else {
      throw new ApiError(ErrorCode.METHOD_NOT_ALLOWED, McpEndpoint.PATH + " answers GET, POST and DELETE",
          Map.of("allow", "GET, POST, DELETE"));
    }
  }
}
