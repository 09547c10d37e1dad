package io.perpnet.sdk.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perpnet.sdk.hyperliquid.http.HyperliquidHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Hyperliquid on 127.0.0.1: {@code /info} answers the recorded bodies under
 * {@code replay/} by the request's type (and coin), {@code /exchange} keeps what it was sent and
 * answers the scripted replies in order (status and body), then as {@link #responder} says.
 */
final class ReplayServer implements AutoCloseable {
  /** A scripted answer of the exchange endpoint. */
  record Reply(int status, String body) {}

  final List<JsonNode> exchanged = new CopyOnWriteArrayList<>();
  final List<String> asked = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  /** Answers what {@link #replies} does not: by default an ok with no statuses. */
  volatile java.util.function.Function<JsonNode, Reply> responder =
      sent -> new Reply(200, "{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}");
  private final HttpServer server;

  ReplayServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/info", h -> {
      final JsonNode q = HyperliquidHttp.JSON.readTree(h.getRequestBody());
      final String name = q.path("type").asText() + (q.has("coin") ? "-" + q.path("coin").asText() : "");
      asked.add(name);
      try (InputStream in = ReplayServer.class.getResourceAsStream("replay/" + name + ".json")) {
        if (in == null) {
          answer(h, 422, "Failed to deserialize the JSON body into the target type");
        } else {
          answer(h, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    });
    server.createContext("/exchange", h -> {
      final JsonNode sent = HyperliquidHttp.JSON.readTree(h.getRequestBody());
      exchanged.add(sent);
      final Reply scripted = replies.poll();
      final Reply r = scripted != null ? scripted : responder.apply(sent);
      answer(h, r.status(), r.body());
    });
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void answer(final HttpExchange h, final int status, final String body) throws IOException {
    final byte[] b = body.getBytes(StandardCharsets.UTF_8);
    h.getResponseHeaders().set("Content-Type", "application/json");
    h.sendResponseHeaders(status, b.length);
    h.getResponseBody().write(b);
    h.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
