package io.perpnet.sdk.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.sdk.client.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's WebSocket ({@code /v1/ws}) as a stream of {@link Event}s that survives the loss of
 * its connection or a restart of the node: each (re)connection subscribes with {@code after} set to
 * the last sequence number delivered, and the node sends exactly the events after it, from its log
 * then live; an event at or below that number is dropped, so none is delivered twice and none is
 * skipped. Callbacks run one at a time, in order, on the stream's own thread.
 */
public final class EventStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  static final long PING_MS = 30_000;

  private final URI wsUri;
  private final String token;
  private final List<String> channels;
  private final Consumer<Event> onEvent;
  private final Consumer<JsonNode> onSnapshot;
  private final BiConsumer<StreamState, String> onState;
  private final Backoff backoff;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    final Thread t = new Thread(r, "perp-event-stream");
    t.setDaemon(true);
    return t;
  });
  private volatile long lastSeq;
  private volatile StreamState state = StreamState.CONNECTING;
  private volatile WebSocket socket;
  private long connection; // which connection the thread's callbacks belong to
  private long duplicatesDropped;

  private EventStream(final Builder b) {
    this.wsUri = URI.create(b.base.toString().replaceFirst("^http", "ws")).resolve("v1/ws");
    this.token = b.token;
    this.channels = List.copyOf(b.channels);
    this.onEvent = b.onEvent;
    this.onSnapshot = b.onSnapshot;
    this.onState = b.onState;
    this.backoff = new Backoff(b.minBackoffMs, b.maxBackoffMs, new Random());
    this.lastSeq = b.after;
  }

  public static Builder builder(final URI base, final String token) {
    return new Builder(base, token);
  }

  /** Connects (asynchronously); the state callback tells when the stream is live. */
  public EventStream start() {
    thread.execute(this::connect);
    thread.scheduleAtFixedRate(this::ping, PING_MS, PING_MS, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The sequence number of the last event delivered (or of the snapshot); -1 before any. */
  public long lastSeq() {
    return lastSeq;
  }

  public StreamState state() {
    return state;
  }

  /** Events the node sent again that were not delivered twice (0 with a node that keeps its promise). */
  public long duplicatesDropped() {
    return duplicatesDropped;
  }

  @Override
  public void close() {
    thread.execute(() -> {
      setState(StreamState.CLOSED, "closed by the agent");
      final WebSocket s = socket;
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

  private void connect() {
    if (state == StreamState.CLOSED) {
      return;
    }
    final long mine = ++connection;
    http.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(5))
        .buildAsync(wsUri, new TextFrames(thread, text -> handle(mine, text), why -> lost(mine, why))).whenComplete((ws, error) -> thread.execute(() -> {
          if (error != null) {
            lost(mine, "cannot connect: " + rootMessage(error));
          } else if (mine == connection && state != StreamState.CLOSED) {
            socket = ws;
            subscribe(ws);
          } else {
            ws.abort();
          }
        }));
  }

  private void subscribe(final WebSocket ws) {
    final ObjectNode msg = Json.MAPPER.createObjectNode().put("op", "subscribe");
    channels.forEach(msg.putArray("channels")::add);
    if (lastSeq >= 0) {
      msg.put("after", lastSeq);
    }
    ws.sendText(msg.toString(), true);
  }

  private void lost(final long which, final String why) {
    if (which != connection || state == StreamState.CLOSED) {
      return;
    }
    socket = null;
    final long delay = backoff.nextDelayMs();
    setState(StreamState.RECONNECTING, why + "; again in " + delay + " ms from seq " + lastSeq);
    thread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void handle(final long which, final String text) {
    if (which != connection || state == StreamState.CLOSED) {
      return;
    }
    final JsonNode msg;
    try {
      msg = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      LOG.warn("the node sent a message that is not JSON: {}", e.getMessage());
      return;
    }
    switch (msg.path("op").asText("")) {
      case "subscribed" -> {
        backoff.reset();
        setState(StreamState.LIVE, "subscribed to " + channels + " from seq " + msg.path("from").asLong());
      }
      case "snapshot" -> {
        lastSeq = Math.max(lastSeq, msg.path("seq").asLong());
        onSnapshot.accept(msg);
      }
      case "error" -> LOG.warn("the node refused the stream: {} {}", msg.path("code").asText(),
          msg.path("message").asText());
      default -> deliver(msg);
    }
  }

  private void deliver(final JsonNode msg) {
    final Event e = new Event(msg.path("seq").asLong(), msg.path("kind").asText(), msg.path("channel").asText(),
        msg.path("data"));
    if (e.seq() <= lastSeq) {
      duplicatesDropped++;
      return;
    }
    lastSeq = e.seq();
    try {
      onEvent.accept(e);
    } catch (RuntimeException x) {
      LOG.warn("the event callback failed on seq {} ({}): {}", e.seq(), e.kind(), x.toString());
    }
  }

  private void ping() {
    final WebSocket s = socket;
    if (s != null && !s.isOutputClosed()) {
      s.sendPing(ByteBuffer.allocate(0));
    }
  }

  private void setState(final StreamState next, final String why) {
    state = next;
    try {
      onState.accept(next, why);
    } catch (RuntimeException x) {
      LOG.warn("the state callback failed: {}", x.toString());
    }
  }

  private static String rootMessage(final Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c.toString();
  }

  /** What to subscribe to and whom to tell. */
  public static final class Builder {
    private final URI base;
    private final String token;
    private List<String> channels = List.of("intent", "trade_request", "quote", "match", "position_opened",
        "position_closed", "reservation", "alert", "liquidation");
    private long after = -1;
    private Consumer<Event> onEvent = e -> {};
    private Consumer<JsonNode> onSnapshot = s -> {};
    private BiConsumer<StreamState, String> onState = (s, why) -> LOG.info("event stream {}: {}", s, why);
    private long minBackoffMs = 250;
    private long maxBackoffMs = 5_000;

    private Builder(final URI base, final String token) {
      this.base = base;
      this.token = token;
    }

    /** The channels ({@code intent, trade_request, quote, match, position_opened, position_closed, reservation, alert, liquidation}). */
    public Builder channels(final String... v) {
      channels = List.of(v);
      return this;
    }

    /** Start after this sequence number (0: the whole log); by default a snapshot, then live events. */
    public Builder after(final long seq) {
      after = seq;
      return this;
    }

    public Builder onEvent(final Consumer<Event> v) {
      onEvent = v;
      return this;
    }

    public Builder onSnapshot(final Consumer<JsonNode> v) {
      onSnapshot = v;
      return this;
    }

    public Builder onState(final BiConsumer<StreamState, String> v) {
      onState = v;
      return this;
    }

    public Builder backoff(final long minMs, final long maxMs) {
      minBackoffMs = minMs;
      maxBackoffMs = maxMs;
      return this;
    }

    public EventStream build() {
      return new EventStream(this);
    }

    public EventStream start() {
      return build().start();
    }
  }
}
