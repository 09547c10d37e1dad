package io.perpnet.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.config.RiskConfig;
import io.perpnet.node.e2e.ChainScene;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's circuit breakers and its oversized-intent check, for real: an intent ten times the
 * usual size waits for "confirm"; two losing closes at mark (each pays the spread and the taker
 * fee) trip a losing-streak breaker of two, pushed on the alert channel, and new intents are then
 * refused with CIRCUIT_BREAKER and the breaker's name until the cooldown ends.
 */
class BreakersOverApiTest {
  @TempDir
  Path dir;

  private static final String SMALL = "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"0.001\",\"limitPrice\":\"60000\"}";

  @Test
  void anOversizedIntentWaitsForConfirmAndALosingStreakPausesTrading() throws Exception {
    try (ChainScene s = new ChainScene(dir, Optional.empty(), 10, UnaryOperator.identity(),
        new RiskConfig(1_000_000 * ChainScene.USDC, 2, 600_000, 0, 5, 1_000 * ChainScene.USDC))) {
      final ApiClient trader = new ApiClient(s.trader);
      for (int i = 0; i < 5; i++) { // the usual size: 0.001 BTC at 60,000 (below the market: they do not fill)
        trader.ok("POST", "/v1/intents", SMALL);
      }
      final String big = SMALL.replace("0.001", "0.01");
      final ApiClient.Answer held = trader.call("POST", "/v1/intents", Scope.TRADE, big);
      assertEquals(409, held.status());
      assertEquals("CONFIRMATION_REQUIRED", held.body().path("code").asText(), held.body().toString());
      assertEquals("60", held.body().path("details").path("usualNotional").asText());
      assertEquals("open", trader.ok("POST", "/v1/intents", big.replace("}", ",\"confirm\":true}")).path("status")
          .asText(), "confirmed, it is sent");

      assertEquals(403, trader.call("PUT", "/v1/risk/limits", Scope.TRADE, "{\"maxLeverage\":5}").status(),
          "limits need the full token");
      final ApiClient.Answer tooHigh = trader.call("PUT", "/v1/risk/limits", Scope.FULL, "{\"maxLeverage\":60}");
      assertEquals("maxLeverage", tooHigh.body().path("details").path("field").asText(), tooHigh.body().toString());
      final JsonNode changed = trader.ok("PUT", "/v1/risk/limits", "{\"maxLeverage\":5,\"maxDailyLoss\":\"500\"}");
      assertEquals(5, changed.path("limits").path("maxLeverage").asInt());
      assertEquals("500", changed.path("limits").path("maxDailyLoss").asText());
      assertEquals("100000", changed.path("limits").path("maxPositionNotional").asText(), "the rest as it was");
      final ApiClient.Answer limited = trader.call("POST", "/v1/intents", Scope.TRADE,
          SMALL.replace("}", ",\"leverage\":10}"));
      assertEquals("RISK_LIMIT", limited.body().path("code").asText(), "the new limit applies at once");
      trader.ok("PUT", "/v1/risk/limits", "{\"maxLeverage\":20,\"maxMarketExposure\":\"100\"}");
      final ApiClient.Answer exposed = trader.call("POST", "/v1/intents", Scope.TRADE, SMALL.replace("0.001", "0.002"));
      assertEquals("RISK_LIMIT", exposed.body().path("code").asText(), exposed.body().toString());
      assertEquals("maxMarketExposure", exposed.body().path("details").path("limit").asText());
      trader.ok("PUT", "/v1/risk/limits", "{\"maxMarketExposure\":\"1000\"}");

      final ApiClient.Ws alerts = trader.ws();
      alerts.send("{\"op\":\"subscribe\",\"channels\":[\"alert\",\"position_opened\"]}");
      alerts.await(m -> m.path("op").asText().equals("subscribed"), "subscribed");
      for (int i = 0; i < 2; i++) {
        s.world.postPrice(1, ChainScene.PRICE, 2);
        trader.ok("POST", "/v1/intents", "{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"0.001\","
            + "\"limitPrice\":\"70000\",\"firstAcceptable\":true}");
        final String match = alerts.await(m -> m.path("channel").asText().equals("position_opened"), "opened")
            .path("data").path("matchId").asText();
        assertEquals("closed", trader.ok("POST", "/v1/positions/" + match + "/close", "{\"type\":\"mark\"}")
            .path("status").asText());
      }
      final JsonNode tripped = alerts.await(m -> m.path("kind").asText().equals("risk.breaker"), "risk.breaker");
      assertTrue(tripped.path("channel").asText().equals("alert"));
      final ApiClient.Answer refused = trader.call("POST", "/v1/intents", Scope.TRADE, SMALL);
      assertEquals(409, refused.status());
      assertEquals("CIRCUIT_BREAKER", refused.body().path("code").asText(), refused.body().toString());
      assertEquals("LOSS_STREAK", refused.body().path("details").path("breaker").asText());
      final JsonNode risk = trader.ok("GET", "/v1/risk", null).path("breakers");
      assertTrue(risk.path("paused").asBoolean(), risk.toString());
      assertEquals("LOSS_STREAK", risk.path("lastTripped").asText());
      alerts.close();
    }
  }
}
