package io.perpnet.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.e2e.ChainScene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent API of real nodes on the devnet validator, through a plain HTTP and WebSocket client:
 * a position opened over REST and seen on the WebSocket, closed; a reconnect from a sequence
 * number gets every missed event once; the agent's limits refuse with their codes and change
 * nothing; every documented route answers.
 */
class ApiFlowTest {
  @TempDir
  static Path dir;
  private static ChainScene scene;
  private static ApiClient trader;

  @BeforeAll
  static void start() throws Exception {
    scene = new ChainScene(dir, Optional.empty());
    trader = new ApiClient(scene.trader);
  }

  @AfterAll
  static void stop() throws Exception {
    if (scene != null) {
      scene.close();
    }
  }

  @Test
  void aPositionOpenedOverRestIsSeenOnTheWebSocketAndClosedAndAReconnectMissesNothing() throws Exception {
    final long before = trader.ok("GET", "/v1/events?limit=1000", null).path("next").asLong();
    final ApiClient.Ws live = trader.ws();
    live.send("{\"op\":\"subscribe\",\"channels\":[\"intent\",\"match\",\"position_opened\",\"position_closed\"]}");
    final JsonNode snapshot = live.await(m -> m.path("op").asText().equals("snapshot"), "snapshot");
    assertTrue(snapshot.path("positions").isArray());
    live.await(m -> m.path("op").asText().equals("subscribed"), "subscribed");

    final JsonNode placed = trader.ok("POST", "/v1/intents", "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"0.01\","
        + "\"firstAcceptable\":true,\"quoteWindowMs\":5000,\"lifetimeMs\":30000,\"clientId\":\"flow-1\","
        + "\"reason\":\"momentum\"}");
    assertEquals("0.01", placed.path("intent").path("size").asText());
    assertEquals("momentum", placed.path("reason").asText());
    final String intentId = placed.path("id").asText();
    assertEquals(intentId, trader.ok("POST", "/v1/intents", "{\"market\":\"BTC-PERP\",\"side\":\"long\","
        + "\"size\":\"0.01\",\"clientId\":\"flow-1\"}").path("id").asText(), "the same clientId: the first intent");

    final JsonNode opened = live.await(m -> m.path("channel").asText().equals("position_opened"), "position_opened");
    final String matchId = opened.path("data").path("matchId").asText();
    final JsonNode positions = trader.ok("GET", "/v1/positions", null);
    assertEquals(1, positions.size());
    final JsonNode p = positions.get(0);
    assertEquals(matchId, p.path("id").asText());
    assertEquals("long", p.path("side").asText());
    assertEquals("0.01", p.path("size").asText());
    assertEquals("BTC-PERP", p.path("market").asText());
    assertEquals(scene.makerKey.publicKey().toAddress(), p.path("counterparty").asText());
    assertTrue(p.path("entryPrice").asText().matches("67[0-9]{3}(\\.[0-9]+)?"), p.toString());
    final JsonNode intent = trader.ok("GET", "/v1/intents/" + intentId, null);
    assertEquals("filled", intent.path("status").asText());
    assertEquals(matchId, intent.path("fills").get(0).path("id").asText());
    assertEquals(1, trader.ok("GET", "/v1/balance", null).path("openPositions").asInt());

    final JsonNode closed = trader.ok("POST", "/v1/positions/" + matchId + "/close", "{\"type\":\"mark\"}");
    assertEquals("closed", closed.path("status").asText());
    final JsonNode closedEvent = live.await(m -> m.path("channel").asText().equals("position_closed"),
        "position_closed");
    assertEquals(0, trader.ok("GET", "/v1/positions", null).size());
    live.close();

    // what the live stream carried, by sequence number; a reconnect from before the intent gets exactly that
    final List<Long> seen = new ArrayList<>();
    for (final JsonNode m : trader.ok("GET", "/v1/events?after=" + before, null).path("events")) {
      if (Set.of("intent", "match", "position_opened", "position_closed").contains(m.path("channel").asText())
          && m.path("seq").asLong() <= closedEvent.path("seq").asLong()) {
        seen.add(m.path("seq").asLong());
      }
    }
    final ApiClient.Ws again = trader.ws();
    again.send("{\"op\":\"subscribe\",\"channels\":[\"intent\",\"match\",\"position_opened\",\"position_closed\"],"
        + "\"after\":" + before + "}");
    again.await(m -> m.path("op").asText().equals("subscribed"), "subscribed");
    final List<Long> replayed = new ArrayList<>();
    while (replayed.isEmpty() || replayed.getLast() < closedEvent.path("seq").asLong()) {
      replayed.add(again.await(m -> m.has("seq") && m.has("channel"), "an event").path("seq").asLong());
    }
    again.close();
    assertEquals(seen, replayed, "every missed event once, in order");
    assertEquals(new HashSet<>(replayed).size(), replayed.size());
  }

  @Test
  void theAgentsLimitsRefuseWithTheirCodesAndChangeNothing() throws Exception {
    final long before = scene.trader.store().nextSequence();
    final Map<String, String> refusals = Map.of(
        "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"0.01\",\"leverage\":30}", "RISK_LIMIT maxLeverage",
        "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"2\"}", "RISK_LIMIT maxPositionNotional",
        "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"1\",\"leverage\":1}", "INSUFFICIENT_COLLATERAL ",
        "{\"market\":\"DOGE-PERP\",\"side\":\"long\",\"size\":\"1\"}", "UNKNOWN_MARKET ",
        "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"0.000000001\"}", "VALIDATION ",
        "{\"market\":\"BTC-PERP\",\"side\":\"sideways\",\"size\":\"1\"}", "VALIDATION ",
        "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"1\",\"notionalUsdc\":\"100\"}", "VALIDATION ");
    for (final Map.Entry<String, String> r : refusals.entrySet()) {
      final ApiClient.Answer a = trader.call("POST", "/v1/intents", Scope.TRADE, r.getKey());
      final String[] expected = r.getValue().split(" ");
      assertTrue(a.status() >= 400 && a.status() < 500, r.getKey() + ": " + a.body());
      assertEquals(expected[0], a.body().path("code").asText(), r.getKey() + ": " + a.body());
      if (expected.length > 1) {
        assertEquals(expected[1], a.body().path("details").path("limit").asText(), a.body().toString());
      }
    }
    assertEquals(403, trader.call("POST", "/v1/intents", Scope.READ,
        "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"0.01\"}").status());
    assertEquals(before, scene.trader.store().nextSequence(), "no refused intent wrote anything");
  }

  @Test
  void everyDocumentedRouteAnswersAndEveryRouteIsDocumented() throws Exception {
    final JsonNode doc = trader.ok("GET", "/v1/openapi.json", null);
    assertEquals("3.0.3", doc.path("openapi").asText());
    final Set<String> documented = new HashSet<>();
    for (final Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      final Map.Entry<String, JsonNode> path = it.next();
      for (final Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
        final String method = m.next().toUpperCase(java.util.Locale.ROOT);
        documented.add(method + " " + path.getKey());
        final String concrete = path.getKey().replace("{id}", "0".repeat(64)).replace("{market}", "BTC-PERP");
        final ApiClient.Answer a = trader.call(method, concrete, Scope.FULL, method.equals("GET")
            || method.equals("DELETE") ? null : "{}");
        assertFalse(a.status() == 405 || a.body().path("message").asText().startsWith("no route"),
            method + " " + concrete + ": " + a.body());
      }
    }
    final Set<String> routes = new HashSet<>();
    ApiService.routes(scene.trader, System::currentTimeMillis).forEach(r -> routes.add(r.method() + " " + r.path()));
    assertEquals(routes, documented);
  }
}
