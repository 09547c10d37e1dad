package io.perpnet.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.json.Decimals;
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
  private static ApiClient maker;

  @BeforeAll
  static void start() throws Exception {
    scene = new ChainScene(dir, Optional.empty());
    trader = new ApiClient(scene.trader);
    maker = new ApiClient(scene.maker);
  }

  /**
   * The oracle price of the scene stays fresh (60 s) whatever the order and length of the tests.
   * The nodes read it at most a second late, so the tests' intents name their limit price instead
   * of a slippage from what the node last read (the stop-loss test moves it).
   */
  @org.junit.jupiter.api.BeforeEach
  void freshPrice() throws Exception {
    scene.world.postPrice(1, ChainScene.PRICE, 2);
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
        + "\"limitPrice\":\"70000\",\"firstAcceptable\":true,\"quoteWindowMs\":5000,\"lifetimeMs\":30000,\"clientId\":\"flow-1\","
        + "\"reason\":\"momentum\"}");
    assertEquals("0.01", placed.path("intent").path("size").asText());
    assertEquals("momentum", placed.path("reason").asText());
    final String intentId = placed.path("id").asText();
    assertEquals(intentId, trader.ok("POST", "/v1/intents", "{\"market\":\"BTC-PERP\",\"side\":\"long\","
        + "\"size\":\"0.01\",\"clientId\":\"flow-1\"}").path("id").asText(), "the same clientId: the first intent");

    final String matchId = trader.ok("GET", "/v1/intents/" + intentId + "?waitMs=10000", null).path("fills").get(0)
        .path("id").asText();
    live.await(m -> m.path("channel").asText().equals("position_opened")
        && m.path("data").path("matchId").asText().equals(matchId), "position_opened of this intent's match");
    final JsonNode p = trader.ok("GET", "/v1/positions/" + matchId, null);
    assertEquals(matchId, p.path("id").asText());
    assertEquals("long", p.path("side").asText());
    assertEquals("0.01", p.path("size").asText());
    assertEquals("BTC-PERP", p.path("market").asText());
    assertEquals(scene.makerKey.publicKey().toAddress(), p.path("counterparty").asText());
    assertTrue(p.path("entryPrice").asText().matches("67[0-9]{3}(\\.[0-9]+)?"), p.toString());
    final JsonNode intent = trader.ok("GET", "/v1/intents/" + intentId, null);
    assertEquals("filled", intent.path("status").asText());
    assertEquals(matchId, intent.path("fills").get(0).path("id").asText());
    assertTrue(trader.ok("GET", "/v1/balance", null).path("openPositions").asInt() >= 1);
    assertTrue(trader.ok("GET", "/v1/positions", null).toString().contains(matchId));

    final JsonNode closed = trader.ok("POST", "/v1/positions/" + matchId + "/close", "{\"type\":\"mark\"}");
    assertEquals("closed", closed.path("status").asText());
    final JsonNode closedEvent = live.await(m -> m.path("channel").asText().equals("position_closed")
        && m.path("data").path("matchId").asText().equals(matchId), "position_closed of this match");
    assertFalse(trader.ok("GET", "/v1/positions", null).toString().contains(matchId));
    assertEquals(404, trader.call("GET", "/v1/positions/" + matchId, Scope.READ, null).status());
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
    final long before = scene.trader.store().nextSequence() - 1;
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
    // each refusal by a limit is an alert, until acknowledged
    final List<JsonNode> alerts = new ArrayList<>();
    trader.ok("GET", "/v1/alerts", null).forEach(a -> {
      if (a.path("seq").asLong() > before && a.path("kind").asText().equals("risk.refused")) {
        alerts.add(a);
      }
    });
    assertEquals(3, alerts.size(), "two limits and the collateral: " + alerts);
    final long first = alerts.getFirst().path("seq").asLong();
    assertTrue(trader.ok("POST", "/v1/alerts/" + first + "/ack", "{}").path("acked").asBoolean());
    assertFalse(trader.ok("GET", "/v1/alerts", null).toString().contains("\"seq\":" + first + ","));
    assertTrue(trader.ok("GET", "/v1/alerts?all=true", null).toString().contains("\"seq\":" + first + ","));
    // other work of the node may go on (a position followed, say); nothing of an intent was written
    for (final JsonNode e : trader.ok("GET", "/v1/events?after=" + before, null).path("events")) {
      assertFalse(Set.of("intent.published", "nonces.reserved", "reservation.made").contains(e.path("kind").asText()),
          e.toString());
    }
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

  private static String intent(final int windowMs) {
    return "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"0.01\",\"limitPrice\":\"70000\","
        + "\"quoteWindowMs\":" + windowMs + ",\"lifetimeMs\":30000}";
  }

  @Test
  void theKillSwitchMidTradeLeavesNoHalfSignedMatchAndAnExpiredDeadmanStopsTheMakersQuotes() throws Exception {
    final int reservedBefore = scene.trader.reservations().openCount();
    final ApiClient.Ws makerWs = maker.ws();
    makerWs.send("{\"op\":\"subscribe\",\"channels\":[\"quote\",\"alert\"],\"after\":"
        + (scene.maker.store().nextSequence() - 1) + "}");
    try {
      final String id = trader.ok("POST", "/v1/intents", intent(5_000)).path("id").asText();
      makerWs.await(m -> m.path("channel").asText().equals("quote") && m.path("data").path("intentId").asText()
          .equals(id), "the maker's quote");
      // quotes are in, none accepted yet: the trader's kill switch
      final JsonNode state = trader.ok("POST", "/v1/risk/kill-switch", "{\"on\":true}");
      assertTrue(state.path("killSwitch").asBoolean());
      assertEquals("cancelled", trader.ok("GET", "/v1/intents/" + id, null).path("status").asText());
      assertEquals(reservedBefore, scene.trader.reservations().openCount(), "no accept was signed");
      final List<String> intentsMatched = new ArrayList<>();
      for (final var node : List.of(scene.trader, scene.maker)) {
        node.store().forEach(io.perpnet.node.store.Column.MATCHES, (k, v) -> {
          try {
            intentsMatched.add(io.perpnet.consensus.message.Signed.decode(v,
                io.perpnet.consensus.message.MatchTerms.class).payload().intentHash().toHex());
          } catch (io.perpnet.consensus.validation.RejectedException e) {
            throw new AssertionError(e);
          }
        });
      }
      assertFalse(intentsMatched.contains(id), "neither node holds a match of the cancelled intent");
      final ApiClient.Answer refused = trader.call("POST", "/v1/intents", Scope.TRADE, intent(200));
      assertEquals(409, refused.status());
      assertEquals("KILL_SWITCH", refused.body().path("code").asText());
      assertEquals(403, trader.call("POST", "/v1/risk/kill-switch", Scope.TRADE, "{\"on\":false}").status(),
          "moving the kill switch needs the full token");
      trader.ok("POST", "/v1/risk/kill-switch", "{\"on\":false}");

      // the maker's agent arms its dead-man switch and stops renewing it
      maker.call("POST", "/v1/deadman", Scope.TRADE, "{\"timeoutMs\":300}");
      makerWs.await(m -> m.path("kind").asText().equals("risk.deadman_tripped"), "the dead-man switch tripping");
      final String unanswered = trader.ok("POST", "/v1/intents", intent(1_000)).path("id").asText();
      assertEquals("unfilled", trader.ok("GET", "/v1/intents/" + unanswered + "?waitMs=30000", null)
          .path("status").asText(), "a maker whose agent stopped quotes nothing");
      maker.call("POST", "/v1/deadman", Scope.TRADE, "{\"timeoutMs\":0}");
      final String answered = trader.ok("POST", "/v1/intents", intent(1_000)).path("id").asText();
      assertEquals("filled", trader.ok("GET", "/v1/intents/" + answered + "?waitMs=30000", null)
          .path("status").asText(), "renewed (here: disarmed), it quotes again");
      final String matchId = trader.ok("GET", "/v1/intents/" + answered, null).path("fills").get(0).path("id").asText();
      scene.trader.submission(io.perpnet.consensus.codec.Bytes32.fromHex(matchId)).get(60,
          java.util.concurrent.TimeUnit.SECONDS);
      assertEquals("closed", trader.ok("POST", "/v1/positions/" + matchId + "/close", "{\"type\":\"mark\"}")
          .path("status").asText());
    } finally {
      makerWs.close();
      scene.trader.switches().setKillSwitch(false);
      scene.maker.switches().deadman(0);
    }
  }

  @Test
  void aMakerQuotesByHandFromTheTradeRequestChannelAndItsBetterPriceWins() throws Exception {
    final ApiClient.Ws makerWs = maker.ws();
    makerWs.send("{\"op\":\"subscribe\",\"channels\":[\"trade_request\"],\"after\":"
        + (scene.maker.store().nextSequence() - 1) + "}");
    try {
      final String id = trader.ok("POST", "/v1/intents", intent(3_000)).path("id").asText();
      final JsonNode request = makerWs.await(m -> m.path("data").path("id").asText().equals(id), "the trade request");
      assertEquals("long", request.path("data").path("side").asText());
      assertTrue(maker.ok("GET", "/v1/trade-requests", null).toString().contains(id));
      // the strategy quotes 10 bps above the oracle; by hand, at the oracle
      final JsonNode q = maker.ok("POST", "/v1/quotes", "{\"intentId\":\"" + id + "\",\"price\":\"67000\","
          + "\"leverage\":10}");
      assertEquals("67000", q.path("price").asText());
      assertEquals("0.01", q.path("size").asText(), "the intent's size by default");
      assertTrue(maker.ok("GET", "/v1/quotes", null).toString().contains(q.path("id").asText()));
      final JsonNode filled = trader.ok("GET", "/v1/intents/" + id + "?waitMs=30000", null);
      assertEquals("filled", filled.path("status").asText(), filled.toString());
      final JsonNode fill = filled.path("fills").get(0);
      assertEquals(q.path("id").asText(), fill.path("quoteId").asText(), "the better price won");
      assertEquals("maker", maker.ok("GET", "/v1/matches/" + fill.path("id").asText(), null).path("role").asText());
      scene.trader.submission(io.perpnet.consensus.codec.Bytes32.fromHex(fill.path("id").asText()))
          .get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals("confirmed", trader.ok("GET", "/v1/matches/" + fill.path("id").asText(), null).path("state")
          .asText());
      trader.ok("POST", "/v1/positions/" + fill.path("id").asText() + "/close", "{\"type\":\"mark\"}");
      assertEquals("closed", trader.ok("GET", "/v1/matches/" + fill.path("id").asText(), null).path("state")
          .asText());
      final ApiClient.Answer notMaker = trader.call("POST", "/v1/quotes", Scope.TRADE, "{\"intentId\":\"" + id
          + "\",\"price\":\"1\"}");
      assertEquals("NOT_A_MAKER", notMaker.body().path("code").asText());
    } finally {
      makerWs.close();
    }
  }

  /** {@code perp ARGS --node <the trader's API> --token FILE}, in process: exit code, standard output, standard error. */
  private static String[] perp(final Scope scope, final String... args) {
    final java.io.StringWriter out = new java.io.StringWriter();
    final java.io.StringWriter err = new java.io.StringWriter();
    final List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--node")) {
      all.addAll(List.of("--node", "http://127.0.0.1:" + scene.trader.api().orElseThrow().address().getPort()));
    }
    all.addAll(List.of("--token", scene.trader.api().orElseThrow().tokens().file(scope).toString()));
    final int code = io.perpnet.node.cli.Main.run(all.toArray(String[]::new), new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(err, true));
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void theCommandLineTradesThroughTheApiAndPrintsItsRefusals() throws Exception {
    final String[] traded = perp(Scope.TRADE, "trade", "long", "BTC-PERP", "0.01", "--first", "--window-ms", "5000",
        "--limit", "70000", "--json");
    assertEquals("0", traded[0], traded[2]);
    final JsonNode intent = ApiClient.JSON.readTree(traded[1]);
    assertEquals("filled", intent.path("status").asText(), traded[1]);
    final String matchId = intent.path("fills").get(0).path("id").asText();
    scene.trader.submission(io.perpnet.consensus.codec.Bytes32.fromHex(matchId)).get(60,
        java.util.concurrent.TimeUnit.SECONDS);
    final String[] listed = perp(Scope.READ, "positions");
    assertEquals("0", listed[0], listed[2]);
    assertTrue(listed[1].startsWith("id") && listed[1].contains(matchId) && listed[1].contains("long"), listed[1]);
    final String[] balance = perp(Scope.READ, "balance");
    assertTrue(balance[1].contains("free: "), balance[1]);

    final String[] tooFine = perp(Scope.TRADE, "trade", "long", "BTC-PERP", "0.000000001");
    assertEquals("3", tooFine[0]);
    assertTrue(tooFine[2].startsWith("VALIDATION: size"), tooFine[2]);
    final String[] forbidden = perp(Scope.TRADE, "kill-switch", "on");
    assertEquals("3", forbidden[0]);
    assertTrue(forbidden[2].startsWith("FORBIDDEN"), forbidden[2]);

    final String[] closed = perp(Scope.TRADE, "positions", "close", matchId);
    assertEquals("0", closed[0], closed[2]);
    assertEquals("position " + matchId + ": closed", closed[1].strip());
    final String[] noNode = perp(Scope.READ, "balance", "--node", "http://127.0.0.1:1");
    assertEquals("2", noNode[0]);
    assertTrue(noNode[2].contains("no node API at http://127.0.0.1:1"), noNode[2]);
  }

  @Test
  void aStopLossClosesThePositionAtMarkWhenTheOraclePriceFallsToIt() throws Exception {
    final String id = trader.ok("POST", "/v1/intents", "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"0.01\","
        + "\"limitPrice\":\"70000\",\"firstAcceptable\":true,\"quoteWindowMs\":5000,\"lifetimeMs\":30000}")
        .path("id").asText();
    final String matchId = trader.ok("GET", "/v1/intents/" + id + "?waitMs=30000", null).path("fills").get(0)
        .path("id").asText();
    scene.trader.submission(io.perpnet.consensus.codec.Bytes32.fromHex(matchId)).get(60,
        java.util.concurrent.TimeUnit.SECONDS);
    final JsonNode health = trader.ok("GET", "/v1/positions/" + matchId + "/health", null);
    assertFalse(health.path("liquidatable").asBoolean(), health.toString());
    final long liq = io.perpnet.node.api.json.Decimals.toUnits(health.path("liquidationPrice").asText(), 6, false);
    assertTrue(liq > 60_000_000_000L && liq < 62_000_000_000L, "10x long from 67,067: about 10% lower " + health);
    assertTrue(health.path("marginRatioBps").asLong() > 900 && health.path("marginRatioBps").asLong() <= 1_000,
        health.toString());
    assertEquals("VALIDATION", trader.call("POST", "/v1/positions/" + matchId + "/stop-loss", Scope.TRADE, "{}")
        .body().path("code").asText());
    assertEquals("66000", trader.ok("POST", "/v1/positions/" + matchId + "/stop-loss", "{\"price\":\"66000\"}")
        .path("stopLoss").asText());
    assertEquals("80000", trader.ok("POST", "/v1/positions/" + matchId + "/take-profit", "{\"price\":\"80000\"}")
        .path("takeProfit").asText());
    final ApiClient.Ws ws = trader.ws();
    ws.send("{\"op\":\"subscribe\",\"channels\":[\"alert\",\"position_closed\"],\"after\":"
        + (scene.trader.store().nextSequence() - 1) + "}");
    final ApiClient.Ws prices = trader.ws();
    prices.send("{\"op\":\"subscribe\",\"channels\":[\"price\"],\"after\":" + (scene.trader.store().nextSequence() - 1)
        + "}");
    try {
      scene.world.postPrice(1, 65_900_000_000L, 2);
      final JsonNode moved = prices.await(m -> m.path("data").path("price").asText().equals("65900"),
          "the new price on the price channel");
      assertEquals("BTC-PERP", moved.path("data").path("market").asText(), moved.toString());
      assertEquals("price.updated", moved.path("kind").asText());
      final JsonNode fired = ws.await(m -> m.path("kind").asText().equals("trigger.fired"), "the stop-loss firing");
      assertEquals(matchId, fired.path("data").path("matchId").asText());
      assertTrue(fired.path("data").path("detail").asText().startsWith("stop-loss 66000000000"), fired.toString());
      assertTrue(scene.world.client.position(scene.trader.store().get(io.perpnet.node.store.Column.MATCHES,
          io.perpnet.consensus.codec.Bytes32.fromHex(matchId).bytes()).map(v -> {
            try {
              return io.perpnet.consensus.message.Signed.decode(v, io.perpnet.consensus.message.MatchTerms.class);
            } catch (io.perpnet.consensus.validation.RejectedException e) {
              throw new AssertionError(e);
            }
          }).orElseThrow()).orElseThrow().closed(), "closed on chain");
      assertEquals(404, trader.call("GET", "/v1/positions/" + matchId, Scope.READ, null).status());
    } finally {
      ws.close();
      prices.close();
      scene.world.postPrice(1, ChainScene.PRICE, 2);
    }
  }

  @Test
  void depositAndWithdrawMoveUsdcWithTheFullTokenOnly() throws Exception {
    final String wallet = scene.traderWallet.toBase58();
    final long free = io.perpnet.node.api.json.Decimals.toUnits(trader.ok("GET", "/v1/balance", null).path("free")
        .asText(), 6, false);
    final String body = "{\"amount\":\"5.5\",\"from\":\"" + wallet + "\"}";
    assertEquals(403, trader.call("POST", "/v1/deposit", Scope.TRADE, body).status(), "money moves need the full token");
    final JsonNode deposited = trader.ok("POST", "/v1/deposit", body);
    assertEquals(free + 5_500_000L, io.perpnet.node.api.json.Decimals.toUnits(deposited.path("balance").path("free")
        .asText(), 6, false));
    final JsonNode withdrawn = trader.ok("POST", "/v1/withdraw", "{\"amount\":\"5.5\",\"to\":\"" + wallet + "\"}");
    assertEquals(free, io.perpnet.node.api.json.Decimals.toUnits(withdrawn.path("balance").path("free").asText(), 6,
        false));
    final ApiClient.Answer tooMuch = trader.call("POST", "/v1/withdraw", Scope.FULL,
        "{\"amount\":\"1000000\",\"to\":\"" + wallet + "\"}");
    assertEquals("INSUFFICIENT_FREE", tooMuch.body().path("code").asText(), tooMuch.body().toString());
    assertEquals("VALIDATION", trader.call("POST", "/v1/withdraw", Scope.FULL, "{\"amount\":\"1\",\"to\":\"0OIl\"}")
        .body().path("code").asText());
  }

  @Test
  void theWalletTransfersAndADepositWithoutNamingTheAccount() throws Exception {
    final JsonNode before = trader.ok("GET", "/v1/balance", null);
    final JsonNode wallet = before.path("wallet");
    long sum = 0;
    for (final JsonNode a : wallet.path("tokenAccounts")) {
      sum += Decimals.toUnits(a.path("usdc").asText(), 6, false);
    }
    assertEquals(Decimals.toUnits(wallet.path("usdc").asText(), 6, false), sum, "the wallet is its accounts");
    assertEquals(scene.traderWallet.toBase58(), wallet.path("tokenAccounts").get(0).path("address").asText());
    assertTrue(new java.math.BigDecimal(wallet.path("sol").asText()).signum() > 0, "SOL for fees");

    final JsonNode deposited = trader.ok("POST", "/v1/deposit", "{\"amount\":\"1\"}");
    assertEquals(Decimals.toUnits(before.path("free").asText(), 6, false) + 1_000_000L,
        Decimals.toUnits(deposited.path("balance").path("free").asText(), 6, false), "from our largest account");

    final long makerHad = Decimals.toUnits(maker.ok("GET", "/v1/balance", null).path("wallet").path("usdc").asText(), 6,
        false);
    final JsonNode sent = trader.ok("POST", "/v1/transfer", "{\"amount\":\"2.5\",\"to\":\""
        + scene.maker.publicKey().toAddress() + "\"}");
    assertFalse(sent.path("signature").asText().isEmpty());
    assertEquals(makerHad + 2_500_000L, Decimals.toUnits(maker.ok("GET", "/v1/balance", null).path("wallet")
        .path("usdc").asText(), 6, false), "the maker's wallet received it");

    final String stranger = io.perpnet.consensus.identity.Ed25519KeyPair.generate().publicKey().toAddress();
    final JsonNode opened = trader.ok("POST", "/v1/transfer", "{\"amount\":\"1\",\"to\":\"" + stranger + "\"}");
    assertEquals(1_000_000L, scene.world.token.balance(new org.p2p.solanaj.core.PublicKey(
        opened.path("toTokenAccount").asText())), "a recipient without a USDC account gets a new one");

    final ApiClient.Answer tooMuch = trader.call("POST", "/v1/transfer", Scope.FULL,
        "{\"amount\":\"100000000\",\"to\":\"" + stranger + "\"}");
    assertEquals("VALIDATION", tooMuch.body().path("code").asText());
    assertEquals("amount", tooMuch.body().path("details").path("field").asText());
    assertEquals(403, trader.call("POST", "/v1/transfer", Scope.TRADE, "{\"amount\":\"1\",\"to\":\"" + stranger
        + "\"}").status(), "moving money needs the full token");
    trader.ok("POST", "/v1/withdraw", "{\"amount\":\"1\",\"to\":\"" + scene.traderWallet.toBase58() + "\"}");
  }

  @Test
  void thePeersAreListedWithTheirGossipScores() throws Exception {
    final JsonNode peers = trader.ok("GET", "/v1/peers", null);
    assertEquals(1, peers.size(), peers.toString());
    assertEquals(scene.maker.peerId().toString(), peers.get(0).path("peerId").asText());
    assertTrue(peers.get(0).path("score").isNumber(), "a number: " + peers);
    assertTrue(peers.get(0).path("score").asDouble() >= 0, "an honest maker is not scored below zero: " + peers);
  }

  @Test
  void thePortfolioAddsUpFromTheChain() throws Exception {
    scene.world.postPrice(1, ChainScene.PRICE, 2);
    final JsonNode placed = trader.ok("POST", "/v1/intents", "{\"market\":\"BTC-PERP\",\"side\":\"long\","
        + "\"size\":\"0.001\",\"limitPrice\":\"70000\",\"firstAcceptable\":true}");
    final String match = trader.ok("GET", "/v1/intents/" + placed.path("id").asText() + "?waitMs=10000", null).path("fills")
        .get(0).path("id").asText();
    final ApiClient.Ws ws = trader.ws();
    ws.send("{\"op\":\"subscribe\",\"channels\":[\"position_opened\"],\"after\":0}");
    ws.await(m -> m.path("data").path("matchId").asText().equals(match), "opened");
    ws.close();
    final JsonNode p = trader.ok("GET", "/v1/portfolio", null);
    final long free = Decimals.toUnits(p.path("free").asText(), 6, false);
    final long locked = Decimals.toUnits(p.path("locked").asText(), 6, false);
    final long unrealized = Decimals.toUnits(p.path("unrealizedPnl").asText(), 6, true);
    assertEquals(free + locked + unrealized, Decimals.toUnits(p.path("equity").asText(), 6, true));
    assertTrue(unrealized < 0, "bought above the mark (the maker's spread): " + p);
    assertTrue(Decimals.toUnits(p.path("realizedPnl").asText(), 6, true) < 0, "fees paid: " + p);
    final JsonNode btc = p.path("exposure").get(0);
    assertEquals("BTC-PERP", btc.path("market").asText());
    assertTrue(Decimals.toUnits(btc.path("long").asText(), 6, false) >= 67_000_000L, "0.001 BTC at 67,000: " + btc);
    trader.ok("POST", "/v1/positions/" + match + "/close", "{\"type\":\"mark\"}");
  }
  @Test
  void fillsItemiseTheOpenAndTheCloseWithTheProgramsOwnFeesAndFunding() throws Exception {
    final ApiClient.Ws ws = trader.ws();
    ws.send("{\"op\":\"subscribe\",\"channels\":[\"fill\"],\"after\":" + (scene.trader.store().nextSequence() - 1)
        + "}");
    ws.await(m -> m.path("op").asText().equals("subscribed"), "subscribed");
    final ApiClient.Ws makerWs = maker.ws();
    makerWs.send("{\"op\":\"subscribe\",\"channels\":[\"fill\"],\"after\":" + (scene.maker.store().nextSequence() - 1)
        + "}");
    makerWs.await(m -> m.path("op").asText().equals("subscribed"), "subscribed");
    final JsonNode placed = trader.ok("POST", "/v1/intents", "{\"market\":\"BTC-PERP\",\"side\":\"long\","
        + "\"size\":\"0.002\",\"limitPrice\":\"70000\",\"firstAcceptable\":true}");
    final String match = trader.ok("GET", "/v1/intents/" + placed.path("id").asText() + "?waitMs=10000", null)
        .path("fills").get(0).path("id").asText();
    final JsonNode open = ws.await(m -> m.path("data").path("matchId").asText().equals(match), "the open's fill")
        .path("data");
    assertEquals("open", open.path("kind").asText());
    assertEquals("trader", open.path("role").asText());
    assertEquals("long", open.path("side").asText());
    assertEquals("0.002", open.path("size").asText());
    final JsonNode rates = trader.ok("GET", "/v1/fees", null).path("markets").get(0);
    final long price = Decimals.toUnits(open.path("price").asText(), 6, false);
    final long notional = ceilDiv(200_000L * price, 100_000_000L); // 0.002 BTC, 8 decimals
    assertEquals(ceilDiv(notional * rates.path("takerFeeBps").asLong(), 10_000), units(open, "fee"),
        "the taker fee at open, by the program's formula: " + open + " " + rates);
    assertFalse(open.path("transaction").isNull(), open.toString());

    trader.ok("POST", "/v1/positions/" + match + "/close", "{\"type\":\"mark\"}");
    final JsonNode close = ws.await(m -> m.path("data").path("matchId").asText().equals(match)
        && m.path("data").path("kind").asText().equals("close_at_mark"), "the close's fill").path("data");
    ws.close();
    final long mark = Decimals.toUnits(close.path("price").asText(), 6, false);
    assertEquals(ceilDiv(ceilDiv(200_000L * mark, 100_000_000L) * rates.path("takerFeeBps").asLong(), 10_000),
        units(close, "fee"), "the closer pays the taker fee at mark: " + close);
    assertEquals(200_000L * (mark - price) / 100_000_000L, units(close, "pnl"), close.toString());
    assertEquals(units(close, "margin") + units(close, "pnl") + units(close, "funding") - units(close, "fee"),
        units(close, "returned"), "what came back is margin + PnL + funding - fee: " + close);
    assertEquals(units(close, "returned") - units(close, "margin"), units(close, "realized"));
    assertTrue(Math.abs(units(close, "funding")) < 1_000, "seconds of funding: " + close);

    final JsonNode fills = trader.ok("GET", "/v1/fills?market=BTC-PERP&limit=1000", null);
    final List<String> kinds = new ArrayList<>();
    fills.forEach(f -> {
      if (f.path("matchId").asText().equals(match)) {
        kinds.add(f.path("kind").asText());
      }
    });
    assertEquals(List.of("close_at_mark", "open"), kinds, "newest first");
    assertEquals(1, trader.ok("GET", "/v1/fills?kind=open&limit=1", null).size());
    assertEquals("VALIDATION", trader.call("GET", "/v1/fills?kind=sideways", Scope.READ, null).body().path("code")
        .asText());
    final JsonNode matchView = trader.ok("GET", "/v1/matches/" + match, null);
    final JsonNode txs = matchView.path("transactions");
    assertEquals(2, txs.size(), txs.toString());
    assertTrue(txs.get(0).path("landed").asBoolean() && txs.get(1).path("landed").asBoolean(), txs.toString());
    assertEquals(0, matchView.path("attempts").size(), "opened at the first try");
    assertEquals("VALIDATION", trader.call("GET", "/v1/matches?state=lost", Scope.READ, null).body().path("code")
        .asText());
    assertEquals(match, trader.ok("GET", "/v1/matches?state=closed", null).get(0).path("id").asText());
    assertEquals(open.path("transaction").asText(), txs.get(0).path("signature").asText());
    assertEquals(close.path("transaction").asText(), txs.get(1).path("signature").asText());

    final JsonNode total = trader.ok("GET", "/v1/fees", null).path("total");
    assertTrue(Decimals.toUnits(total.path("fees").asText(), 6, false) >= units(open, "fee") + units(close, "fee"),
        total.toString());
    assertEquals(total.path("fees").asText(), trader.ok("GET", "/v1/portfolio", null).path("fees").asText());
    final JsonNode theirs = makerWs.await(m -> m.path("data").path("matchId").asText().equals(match)
        && m.path("data").path("kind").asText().equals("close_at_mark"), "the maker's fill of the trader's close")
        .path("data");
    makerWs.close();
    assertEquals("maker", theirs.path("role").asText());
    assertEquals("short", theirs.path("side").asText());
    assertEquals(0, units(theirs, "fee"), "the maker did not close: no fee");
    assertEquals(-units(close, "pnl"), units(theirs, "pnl"));
    assertEquals(-units(close, "funding"), units(theirs, "funding"));
  }

  private static long units(final JsonNode o, final String field) {
    return Decimals.toUnits(o.path(field).asText(), 6, true);
  }

  private static long ceilDiv(final long a, final long b) {
    return Math.ceilDiv(a, b);
  }
}
