package io.perpnet.node.api.mcp;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** An {@link McpEndpoint.Answer} as an HTTP response. */
public final class McpResponses {
  private McpResponses() {}

  public static FullHttpResponse of(final McpEndpoint.Answer a) {
    final byte[] body = a.body() == null ? new byte[0] : a.body();
    final FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
        Unpooled.wrappedBuffer(body));
    if (a.body() != null) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    }
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length).set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    if (a.sessionId() != null) {
      r.headers().set(McpEndpoint.SESSION_HEADER, a.sessionId());
    }
    return r;
  }
}
