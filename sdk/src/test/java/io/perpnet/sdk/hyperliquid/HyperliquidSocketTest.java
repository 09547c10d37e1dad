package io.perpnet.sdk.hyperliquid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.sdk.hyperliquid.http.HyperliquidHttp;
import io.perpnet.sdk.hyperliquid.ws.HyperliquidSocket;
import io.perpnet.sdk.hyperliquid.ws.Subscription;
import io.perpnet.sdk.stream.Backoff;
import io.perpnet.sdk.stream.StreamState;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket client against a Hyperliquid stand-in on 127.0.0.1: its subscriptions, each
 * channel to its handlers (a coin's book to that coin's), pings, garbage ignored, and after the
 * server drops the socket a reconnect that subscribes to everything again.
 */
class HyperliquidSocketTest {
  private static final String USER = "0x5e9ee1089755c3435139848e47e6635505d5a13a";
  private final LinkedBlockingQueue<String> subscribed = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<WebSocket> connections = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<String> pings = new LinkedBlockingQueue<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private WebSocketServer server;

  @BeforeEach
  void start() throws Exception {
    server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
      @Override
      public void onOpen(final WebSocket conn, final ClientHandshake handshake) {
        connections.add(conn);
      }

      @Override
      public void onClose(final WebSocket conn, final int code, final String reason, final boolean remote) {}

      @Override
      public void onMessage(final WebSocket conn, final String message) {
        try {
          final JsonNode m = HyperliquidHttp.JSON.readTree(message);
          if (m.path("method").asText().equals("ping")) {
            pings.add(message);
            conn.send("{\"channel\":\"pong\"}");
          } else if (m.path("method").asText().equals("subscribe")) {
            subscribed.add(m.path("subscription").toString());
            conn.send("{\"channel\":\"subscriptionResponse\",\"data\":" + message + "}");
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }

      @Override
      public void onError(final WebSocket conn, final Exception ex) {}

      @Override
      public void onStart() {
        started.countDown();
      }
    };
    server.setReuseAddr(true);
    server.start();
    assertTrue(started.await(10, TimeUnit.SECONDS));
  }

  @AfterEach
  void stop() throws Exception {
    server.stop(1000);
  }

  private Set<String> nextSubscriptions(final int n) throws InterruptedException {
    final Set<String> out = new HashSet<>();
    for (int i = 0; i < n; i++) {
      final String s = subscribed.poll(10, TimeUnit.SECONDS);
      assertNotNull(s, "subscription " + (i + 1) + " of " + n);
      out.add(s);
    }
    return out;
  }

  @Test
  void channelsReachTheirHandlersAndADroppedSocketIsResubscribed() throws Exception {
    final LinkedBlockingQueue<JsonNode> mids = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<JsonNode> btcBook = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<JsonNode> fills = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<StreamState> states = new LinkedBlockingQueue<>();
    final URI url = URI.create("ws://127.0.0.1:" + server.getPort() + "/ws");
    try (HyperliquidSocket ws = new HyperliquidSocket(url, new Backoff(10, 50, new Random(7)),
        (s, why) -> states.add(s), Duration.ofMillis(200))) {
      ws.subscribe(Subscription.allMids(), mids::add).subscribe(Subscription.l2Book("BTC"), btcBook::add)
          .subscribe(Subscription.userFills(USER), fills::add).start();
      final Set<String> first = nextSubscriptions(3);
      assertEquals(Set.of("{\"type\":\"allMids\"}", "{\"type\":\"l2Book\",\"coin\":\"BTC\"}",
          "{\"type\":\"userFills\",\"user\":\"" + USER + "\"}"), first);
      final WebSocket conn = connections.poll(10, TimeUnit.SECONDS);
      conn.send("not json");
      conn.send("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"ETH\",\"time\":1,\"levels\":[[],[]]}}");
      conn.send("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"time\":2,\"levels\":[[],[]]}}");
      conn.send("{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"70000\"}}}");
      conn.send("{\"channel\":\"userFills\",\"data\":{\"isSnapshot\":true,\"user\":\"" + USER + "\",\"fills\":[]}}");
      assertEquals("70000", mids.poll(10, TimeUnit.SECONDS).path("mids").path("BTC").asText());
      assertEquals(2, btcBook.poll(10, TimeUnit.SECONDS).path("time").asInt(), "the BTC book only, not ETH's");
      assertTrue(fills.poll(10, TimeUnit.SECONDS).path("isSnapshot").asBoolean());
      assertNotNull(pings.poll(10, TimeUnit.SECONDS), "pings keep the socket open");

      conn.closeConnection(1006, "dropped"); // the server drops the socket
      assertEquals(first, nextSubscriptions(3), "the same subscriptions on the new connection");
      final WebSocket again = connections.poll(10, TimeUnit.SECONDS);
      again.send("{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"70001\"}}}");
      assertEquals("70001", mids.poll(10, TimeUnit.SECONDS).path("mids").path("BTC").asText());
      assertTrue(states.contains(StreamState.RECONNECTING), states.toString());
      assertTrue(btcBook.isEmpty(), "the ETH book never reached the BTC handler");
    }
  }
}
