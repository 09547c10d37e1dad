package io.perpnet.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test's HTTP and WebSocket client of one node's API (java.net.http, nothing of ours). */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final ApiService api;

  public ApiClient(final Node node) {
    this.api = node.api().orElseThrow();
    this.port = api.address().getPort();
  }

  public String token(final Scope s) {
    return api.tokens().token(s);
  }

  /** Status and parsed body. */
  public record Answer(int status, JsonNode body) {}

  public Answer call(final String method, final String path, final Scope scope, final String body) throws Exception {
    final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(90))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Bearer " + token(scope));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    final HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  public JsonNode ok(final String method, final String path, final String body) throws Exception {
    final Answer a = call(method, path, Scope.FULL, body);
    if (a.status() != 200) {
      throw new AssertionError(method + " " + path + ": " + a.status() + " " + a.body());
    }
    return a.body();
  }

  /** A WebSocket to {@code /v1/ws} whose messages wait in a queue. */
  public Ws ws() throws Exception {
    final Ws ws = new Ws();
    ws.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token(Scope.READ))
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws"), ws).get(10, TimeUnit.SECONDS);
    return ws;
  }

  public static final class Ws implements WebSocket.Listener {
    public final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(final WebSocket w, final CharSequence data, final boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        partial.setLength(0);
      }
      w.request(1);
      return null;
    }

    public void send(final String text) {
      socket.sendText(text, true).join();
    }

    /** The next message that passes {@code p} (those before it are dropped). */
    JsonNode await(final Predicate<JsonNode> p, final String what) throws InterruptedException {
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        final JsonNode m = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (m != null && p.test(m)) {
          return m;
        }
      }
      throw new AssertionError("no " + what + " within 60 s");
    }

    public void close() {
      socket.abort();
    }
  }
}
