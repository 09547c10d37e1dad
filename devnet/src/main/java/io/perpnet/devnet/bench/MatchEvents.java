package io.perpnet.devnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.devnet.DevnetState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One trader node's {@code match} and {@code position_opened} events over its WebSocket, timed as
 * they arrive: the bench waits on them instead of polling. A match is keyed by its intent's id,
 * an opened position by its match id; each future completes with the arrival time (System.nanoTime).
 */
final class MatchEvents implements WebSocket.Listener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A match as it arrived: its id and when. */
  record Matched(String matchId, long atNanos) {}

  private final Map<String, CompletableFuture<Matched>> matches = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> opened = new ConcurrentHashMap<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  static MatchEvents open(final DevnetState.NodeEntry n) throws Exception {
    final MatchEvents e = new MatchEvents();
    final String token = Files.readString(Path.of(n.tokenFile())).strip();
    e.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .buildAsync(URI.create(n.apiUrl().replaceFirst("^http", "ws") + "/v1/ws"), e).get(10, TimeUnit.SECONDS);
    e.socket.sendText("{\"op\": \"subscribe\", \"channels\": [\"match\", \"position_opened\"]}", true);
    return e;
  }

  CompletableFuture<Matched> match(final String intentId) {
    return matches.computeIfAbsent(intentId, k -> new CompletableFuture<>());
  }

  CompletableFuture<Long> opened(final String matchId) {
    return opened.computeIfAbsent(matchId, k -> new CompletableFuture<>());
  }

  @Override
  public CompletionStage<?> onText(final WebSocket w, final CharSequence data, final boolean last) {
    final long at = System.nanoTime();
    partial.append(data);
    if (last) {
      try {
        final JsonNode m = JSON.readTree(partial.toString());
        final String kind = m.path("kind").asText();
        if (kind.equals("match.countersigned")) {
          match(m.path("data").path("intentId").asText()).complete(new Matched(m.path("data").path("id").asText(), at));
        } else if (kind.equals("position.opened")) {
          opened(m.path("data").path("matchId").asText()).complete(at);
        }
      } catch (java.io.IOException e) {
        // not an event (the subscription's answer or a snapshot): nothing to time
      }
      partial.setLength(0);
    }
    w.request(1);
    return null;
  }

  @Override
  public void close() {
    socket.abort();
  }
}
