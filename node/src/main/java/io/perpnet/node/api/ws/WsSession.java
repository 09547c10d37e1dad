package io.perpnet.node.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.perpnet.node.Node;
import io.perpnet.node.api.http.ApiHandler;
import io.perpnet.node.api.json.EventViews;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.EventFeed;
import io.perpnet.node.store.StoreException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client of {@code /v1/ws}. It sends {@code {"op": "subscribe", "channels": [...],
 * "after": SEQ}}; the node answers {@code {"op": "subscribed", ...}}, then pushes every event of
 * those channels as {@code {"seq", "channel", "kind", "data"}}: with {@code after}, exactly the
 * events after it (from the log, then live: no gap, no duplicate); without, a snapshot of the
 * current state first ({@code {"op": "snapshot", "seq", "positions"}}), then the events after it.
 * The node pings every {@link #PING_SECONDS}; a client that does not read (more than
 * {@link #MAX_QUEUED} messages waiting) is disconnected with 1008 instead of buffered.
 */
public final class WsSession extends SimpleChannelInboundHandler<WebSocketFrame> {
  public static final List<String> CHANNELS = List.of("intent", "trade_request", "quote", "match", "position_opened", "position_closed",
      "reservation", "alert", "liquidation", "price", "fill");
  public static final int MAX_QUEUED = 4_096;
  public static final int PING_SECONDS = 30;
  private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);

  private final Node node;
  private final EventViews views;
  private final Executor workers;
  private final AtomicInteger queued = new AtomicInteger();
  private volatile EventFeed feed;
  private volatile boolean closed;
  private ScheduledFuture<?> pings;
  private boolean subscribed;

  public WsSession(final Node node, final EventViews views, final Executor workers) {
    this.node = node;
    this.views = views;
    this.workers = workers;
  }

  @Override
  public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      pings = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(new PingWebSocketFrame()), PING_SECONDS,
          PING_SECONDS, TimeUnit.SECONDS);
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame text)) {
      return; // pongs are dropped by the protocol handler; binary frames mean nothing here
    }
    final JsonNode msg;
    try {
      msg = ApiHandler.strictTree(text.text());
    } catch (IOException e) {
      error(ctx.channel(), "MALFORMED_JSON", "not JSON: " + e.getMessage());
      return;
    }
    if (!msg.path("op").asText().equals("subscribe")) {
      error(ctx.channel(), "VALIDATION", "op: the only op is subscribe");
      return;
    }
    if (subscribed) {
      error(ctx.channel(), "VALIDATION", "op: this connection is subscribed already; open another for more");
      return;
    }
    final Set<String> channels = new HashSet<>();
    for (final JsonNode c : msg.path("channels")) {
      if (!CHANNELS.contains(c.asText())) {
        error(ctx.channel(), "VALIDATION", "channels: unknown channel '" + c.asText() + "' (channels: " + CHANNELS + ")");
        return;
      }
      channels.add(c.asText());
    }
    if (channels.isEmpty()) {
      error(ctx.channel(), "VALIDATION", "channels: name at least one of " + CHANNELS);
      return;
    }
    final JsonNode after = msg.get("after");
    if (after != null && !(after.isIntegralNumber() && after.asLong() >= 0)) {
      error(ctx.channel(), "VALIDATION", "after: must be a sequence number (a whole number, 0 or more)");
      return;
    }
    subscribed = true;
    final Channel ch = ctx.channel();
    workers.execute(() -> subscribe(ch, channels, after == null ? -1 : after.asLong()));
  }

  private void subscribe(final Channel ch, final Set<String> channels, final long after) {
    try {
      final long from;
      if (after < 0) {
        from = node.store().nextSequence();
        final ObjectNode snap = JsonNodeFactory.instance.objectNode().put("op", "snapshot").put("seq", from - 1);
        snap.set("positions", SnapshotViews.positions(node));
        send(ch, snap);
      } else {
        from = after + 1;
      }
      send(ch, JsonNodeFactory.instance.objectNode().put("op", "subscribed").put("from", from));
      feed = node.events(from, e -> push(ch, channels, e));
      if (closed) {
        feed.close();
      }
    } catch (StoreException | RuntimeException e) {
      LOG.warn("WebSocket subscription failed: {}", e.toString());
      error(ch, "INTERNAL", "the subscription failed: " + e.getMessage());
      ch.close();
    }
  }

  /** On the appending thread when live: hand over, never wait. */
  private void push(final Channel ch, final Set<String> channels, final Event e) {
    final String channel = EventViews.channel(e);
    if (channels.contains(channel)) {
      send(ch, views.view(e));
    }
  }

  private void send(final Channel ch, final JsonNode message) {
    if (closed) {
      return;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      closed = true;
      LOG.info("WebSocket client {} does not read; disconnecting it", ch.remoteAddress());
      ch.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION,
          "more than " + MAX_QUEUED + " messages unread")).addListener(f -> ch.close());
      return;
    }
    final String text = message.toString();
    ch.writeAndFlush(new TextWebSocketFrame(text)).addListener(f -> queued.decrementAndGet());
  }

  private void error(final Channel ch, final String code, final String message) {
    send(ch, JsonNodeFactory.instance.objectNode().put("op", "error").put("code", code).put("message", message));
  }

  @Override
  public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
    closed = true;
    if (pings != null) {
      pings.cancel(false);
    }
    final EventFeed f = feed;
    if (f != null) {
      f.close();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    LOG.debug("WebSocket {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
