package io.perpnet.sdk.hyperliquid.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.sdk.hyperliquid.http.HyperliquidHttp;
import io.perpnet.sdk.stream.Backoff;
import io.perpnet.sdk.stream.StreamState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyperliquid's WebSocket ({@code /ws}): subscriptions (allMids, l2Book, trades, orderUpdates,
 * userFills, userEvents) each with its handler, kept across connections: when the socket drops or
 * the server closes it, the client connects again after a backoff with jitter and subscribes to
 * everything again. A {@code {"method": "ping"}} every {@link #PING_SECONDS} s keeps it open (the
 * server closes a connection silent for 60 s). Handlers run on the socket's one thread, in order.
 */
public final class HyperliquidSocket implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HyperliquidSocket.class);
  static final int PING_SECONDS = 30;

  private record Handler(Subscription subscription, Consumer<JsonNode> onData) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI url;
  private final List<Handler> handlers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    final Thread t = new Thread(r, "hyperliquid-ws");
    t.setDaemon(true);
    return t;
  });
  private final Backoff backoff;
  private final BiConsumer<StreamState, String> onState;
  private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
  private volatile StreamState state = StreamState.CONNECTING;
  private volatile WebSocket socket;
  private java.util.concurrent.CompletableFuture<?> outgoing = java.util.concurrent.CompletableFuture.completedFuture(null);
  private long connection;

  private final Duration pingEvery;

  /** @param url e.g. {@code wss://api.hyperliquid.xyz/ws} */
  public HyperliquidSocket(final URI url, final Backoff backoff, final BiConsumer<StreamState, String> onState) {
    this(url, backoff, onState, Duration.ofSeconds(PING_SECONDS));
  }

  public HyperliquidSocket(final URI url, final Backoff backoff, final BiConsumer<StreamState, String> onState,
      final Duration pingEvery) {
    this.url = url;
    this.backoff = backoff;
    this.onState = onState;
    this.pingEvery = pingEvery;
  }

  /** Adds a subscription (sent at once when connected, and again after each reconnect). */
  public HyperliquidSocket subscribe(final Subscription s, final Consumer<JsonNode> onData) {
    handlers.add(new Handler(s, onData));
    thread.execute(() -> {
      if (socket != null) {
        send(socket, s);
      }
    });
    return this;
  }

  public HyperliquidSocket start() {
    thread.execute(this::connect);
    thread.scheduleWithFixedDelay(this::ping, pingEvery.toMillis(), pingEvery.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  public StreamState state() {
    return state;
  }

  /** How many subscriptions the server has acknowledged on this connection. */
  public int acknowledged() {
    return acknowledged.size();
  }

  private void connect() {
    if (state == StreamState.CLOSED) {
      return;
    }
    final long mine = ++connection;
    http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(url, new io.perpnet.sdk.stream.TextFrames(thread,
        text -> handle(mine, text), why -> lost(mine, why)))
        .whenComplete((ws, error) -> thread.execute(() -> {
          if (error != null) {
            lost(mine, "cannot connect: " + error);
          } else if (mine == connection && state != StreamState.CLOSED) {
            socket = ws;
            outgoing = java.util.concurrent.CompletableFuture.completedFuture(null);
            acknowledged.clear();
            handlers.forEach(h -> send(ws, h.subscription()));
            setState(StreamState.LIVE, "connected to " + url + ", " + handlers.size() + " subscriptions sent");
          } else {
            ws.abort();
          }
        }));
  }

  private void send(final WebSocket ws, final Subscription s) {
    final ObjectNode m = HyperliquidHttp.JSON.createObjectNode().put("method", "subscribe");
    m.set("subscription", s.toJson());
    sendText(ws, m.toString());
  }

  /** Queues a text frame behind the ones not yet written (a WebSocket takes one send at a time). */
  private void sendText(final WebSocket ws, final String text) {
    outgoing = outgoing.handle((x, e) -> null).thenCompose(x -> ws.isOutputClosed()
        ? java.util.concurrent.CompletableFuture.completedFuture(ws) : ws.sendText(text, true));
  }

  private void lost(final long which, final String why) {
    if (which != connection || state == StreamState.CLOSED) {
      return;
    }
    socket = null;
    final long delay = backoff.nextDelayMs();
    setState(StreamState.RECONNECTING, why + "; again in " + delay + " ms");
    thread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void handle(final long which, final String text) {
    if (which != connection || state == StreamState.CLOSED) {
      return;
    }
    final JsonNode msg;
    try {
      msg = HyperliquidHttp.JSON.readTree(text);
    } catch (IOException e) {
      LOG.warn("Hyperliquid sent a message that is not JSON: {}", e.getMessage());
      return;
    }
    final String channel = msg.path("channel").asText();
    if (channel.equals("subscriptionResponse")) {
      backoff.reset();
      acknowledged.put(msg.path("data").path("subscription").toString(), true);
      return;
    }
    if (channel.equals("pong") || channel.isEmpty()) {
      return;
    }
    final JsonNode data = msg.path("data");
    for (final Handler h : handlers) {
      if (h.subscription().channel().equals(channel) && h.subscription().matches(data)) {
        try {
          h.onData().accept(data);
        } catch (RuntimeException e) {
          LOG.warn("a {} handler failed: {}", channel, e.toString());
        }
      }
    }
  }

  private void ping() {
    final WebSocket s = socket;
    if (s != null && !s.isOutputClosed()) {
      sendText(s, "{\"method\":\"ping\"}");
    }
  }

  private void setState(final StreamState next, final String why) {
    state = next;
    try {
      onState.accept(next, why);
    } catch (RuntimeException e) {
      LOG.warn("the state callback failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    thread.execute(() -> {
      setState(StreamState.CLOSED, "closed");
      final WebSocket s = socket;
      socket = null;
      if (s != null) {
        s.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      }
    });
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
