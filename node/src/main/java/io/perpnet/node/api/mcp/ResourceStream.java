package io.perpnet.node.api.mcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A session's server-to-client stream ({@code GET /mcp}, {@code text/event-stream}) and the
 * resources it subscribed to: each {@code notifications/resources/updated} is one SSE event. One
 * stream per session (a new GET replaces the old); a comment every {@link #KEEPALIVE_SECONDS}
 * keeps it open (the connection's idle timeout no longer applies) and finds a dead peer; a client
 * that does not read (the channel not writable) is closed rather than buffered, and reconnects.
 */
public final class ResourceStream {
  public static final int KEEPALIVE_SECONDS = 30;

  private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private volatile Channel stream;

  void subscribe(final String uri) {
    subscribed.add(uri);
  }

  void unsubscribe(final String uri) {
    subscribed.remove(uri);
  }

  /** Makes {@code ch} this session's stream and answers the GET on it with the stream's head (on its event loop). */
  public void open(final Channel ch) {
    final HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream").set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    final IdleStateHandler idle = ch.pipeline().get(IdleStateHandler.class);
    if (idle != null) {
      ch.pipeline().remove(idle);
    }
    final Channel old = stream;
    stream = ch; // before the head: a client that has it is told of every change after
    if (old != null && old != ch) {
      old.close();
    }
    ch.writeAndFlush(head);
    final ScheduledFuture<?> keepalive = ch.eventLoop().scheduleAtFixedRate(() -> write(ch, ": keepalive\n\n"),
        KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    ch.closeFuture().addListener(f -> {
      keepalive.cancel(false);
      if (stream == ch) {
        stream = null;
      }
    });
  }

  /** Ends the stream (its session ended). */
  void close() {
    final Channel ch = stream;
    if (ch != null) {
      ch.close();
    }
  }

  /** Tells the stream, if one is open and the resource subscribed, that {@code uri} changed. */
  void changed(final String uri) {
    final Channel ch = stream;
    if (ch != null && subscribed.contains(uri)) {
      write(ch, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\","
          + "\"params\":{\"uri\":\"" + uri + "\"}}\n\n");
    }
  }

  private static void write(final Channel ch, final String sse) {
    if (!ch.isWritable()) {
      ch.close(); // it does not read: close rather than buffer; the client reconnects
      return;
    }
    ch.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(sse, StandardCharsets.UTF_8)))
        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }
}
