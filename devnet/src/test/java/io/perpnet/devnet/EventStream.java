package io.perpnet.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A node's event stream ({@code /v1/ws}) from now on, for a test to wait on a specific event. */
final class EventStream implements WebSocket.Listener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  static EventStream open(final DevnetState.NodeEntry n, final String... channels) throws Exception {
    final EventStream s = new EventStream();
    final String token = Files.readString(Path.of(n.tokenFile())).strip();
    s.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .buildAsync(URI.create(n.apiUrl().replaceFirst("^http", "ws") + "/v1/ws"), s).get(10, TimeUnit.SECONDS);
    s.socket.sendText(JSON.createObjectNode().put("op", "subscribe").set("channels", JSON.valueToTree(channels))
        .toString(), true);
    s.next(m -> m.path("op").asText().equals("snapshot"), Duration.ofSeconds(10));
    return s;
  }

  @Override
  public CompletionStage<?> onText(final WebSocket w, final CharSequence data, final boolean last) {
    partial.append(data);
    if (last) {
      try {
        events.add(JSON.readTree(partial.toString()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      partial.setLength(0);
    }
    w.request(1);
    return null;
  }

  /** The next message {@code wanted} accepts (the ones before it are dropped). */
  JsonNode next(final Predicate<JsonNode> wanted, final Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      final JsonNode m = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("no wanted event within " + timeout);
      }
      if (wanted.test(m)) {
        return m;
      }
    }
  }

  /** The next event of {@code kind} about {@code matchId}. */
  JsonNode about(final String kind, final String matchId, final Duration timeout) throws InterruptedException {
    return next(m -> m.path("kind").asText().equals(kind) && m.path("data").path("matchId").asText().equals(matchId),
        timeout);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
