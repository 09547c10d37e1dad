package io.perpnet.sdk.hyperliquid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.sdk.hyperliquid.exchange.ExchangeClient;
import io.perpnet.sdk.hyperliquid.exchange.OrderStatus;
import io.perpnet.sdk.hyperliquid.http.HyperliquidHttp;
import io.perpnet.sdk.hyperliquid.info.InfoClient;
import io.perpnet.sdk.hyperliquid.signing.HyperliquidSigner;
import io.perpnet.sdk.hyperliquid.signing.Network;
import io.perpnet.sdk.hyperliquid.signing.NonceClock;
import io.perpnet.sdk.hyperliquid.venue.HyperliquidRouting;
import io.perpnet.sdk.model.Fill;
import io.perpnet.sdk.model.Intent;
import io.perpnet.sdk.model.PlacedIntent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an intent did not fill here goes to Hyperliquid as one IOC at its own limit, rounded in the agent's favour. */
class HyperliquidRoutingTest {
  private static final String ID = "ab".repeat(32);
  private ReplayServer server;
  private HyperliquidRouting routing;

  @BeforeEach
  void start() throws Exception {
    server = new ReplayServer();
    server.responder = sent -> {
      final JsonNode o = sent.path("action").path("orders").path(0);
      return new ReplayServer.Reply(200, "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":"
          + "[{\"filled\":{\"totalSz\":\"" + o.path("s").asText() + "\",\"avgPx\":\"" + o.path("p").asText()
          + "\",\"oid\":9}}]}}}");
    };
    final HyperliquidHttp http = new HyperliquidHttp(server.base());
    final HyperliquidSigner key = HyperliquidSigner.fromPrivateKey("0x" + "01".repeat(32));
    routing = new HyperliquidRouting(new InfoClient(http), new ExchangeClient(http, key, key.address(),
        Optional.empty(), Network.TESTNET, NonceClock.system()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static PlacedIntent placed(final String status, final String side, final String size, final String limit,
      final List<Fill> fills) {
    return new PlacedIntent(ID, status, 0, null, null, new Intent(ID, "BTC-PERP", side, new BigDecimal(size),
        new BigDecimal(limit), BigDecimal.ZERO, 1000, 5, 0, 1, "t"), fills);
  }

  private static Fill matched(final String size) {
    return new Fill("cd".repeat(32), "countersigned", null, null, "BTC-PERP", "short", new BigDecimal("70000"),
        new BigDecimal(size), "m");
  }

  @Test
  void anUnfilledBuyGoesOutAtItsLimitRoundedDownAndItsSizeToTheLot() throws Exception {
    final var route = routing.rest(placed("unfilled", "long", "0.0031234", "70050.55", List.of())).orElseThrow();
    assertEquals(new BigDecimal("70050"), route.limitPx(), "never above the agent's limit");
    assertEquals(new BigDecimal("0.00312"), route.size(), "BTC's lot: 5 decimals, toward zero");
    final OrderStatus s = routing.send(route);
    assertEquals(new BigDecimal("0.00312"), assertInstanceOf(OrderStatus.Filled.class, s).totalSz());
    final JsonNode o = server.exchanged.getFirst().path("action").path("orders").path(0);
    assertTrue(o.path("b").asBoolean());
    assertEquals("Ioc", o.path("t").path("limit").path("tif").asText());
    assertEquals("0x" + "ab".repeat(16), o.path("c").asText(), "the intent's id names the order");
  }

  @Test
  void aPartialSellRoutesItsRestAtItsLimitRoundedUp() throws Exception {
    final var route = routing.rest(placed("partial", "short", "0.01", "69950.45", List.of(matched("0.004"))))
        .orElseThrow();
    assertEquals(new BigDecimal("0.006"), route.size());
    assertEquals(new BigDecimal("69951"), route.limitPx(), "never below the agent's limit");
  }

  @Test
  void aFilledIntentRoutesNothingAndAnOpenOneIsRefused() throws Exception {
    assertTrue(routing.rest(placed("filled", "long", "0.004", "70000", List.of(matched("0.004")))).isEmpty());
    assertThrows(IllegalStateException.class, () -> routing.rest(placed("open", "long", "1", "70000", List.of())));
    assertTrue(server.exchanged.isEmpty(), "nothing sent");
  }
}
