package io.perpnet.sdk.hyperliquid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.sdk.agents.ArbitrageMaker;
import io.perpnet.sdk.agents.HedgeVenue;
import io.perpnet.sdk.hyperliquid.exchange.ExchangeClient;
import io.perpnet.sdk.hyperliquid.http.HyperliquidHttp;
import io.perpnet.sdk.hyperliquid.info.InfoClient;
import io.perpnet.sdk.hyperliquid.signing.HyperliquidSigner;
import io.perpnet.sdk.hyperliquid.signing.Network;
import io.perpnet.sdk.hyperliquid.signing.NonceClock;
import io.perpnet.sdk.hyperliquid.venue.HyperliquidPrices;
import io.perpnet.sdk.hyperliquid.venue.HyperliquidVenue;
import io.perpnet.sdk.model.Match;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The arbitrage maker hedging on Hyperliquid (the replay server fills each IOC as sent): both sides net to zero. */
class HyperliquidHedgeTest {
  private static final HyperliquidSigner KEY =
      HyperliquidSigner.fromPrivateKey("0x0123456789012345678901234567890123456789012345678901234567890123");
  private ReplayServer server;
  private InfoClient info;
  private HyperliquidVenue venue;
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  @BeforeEach
  void start() throws Exception {
    server = new ReplayServer();
    server.responder = sent -> { // an IOC fills in full at its limit
      final JsonNode o = sent.path("action").path("orders").path(0);
      return new ReplayServer.Reply(200, "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":"
          + "[{\"filled\":{\"totalSz\":\"" + o.path("s").asText() + "\",\"avgPx\":\"" + o.path("p").asText()
          + "\",\"oid\":1}}]}}}");
    };
    final HyperliquidHttp http = new HyperliquidHttp(server.base());
    info = new InfoClient(http);
    venue = new HyperliquidVenue(info, new ExchangeClient(http, KEY, KEY.address(), Optional.empty(), Network.TESTNET,
        new NonceClock(now::get)), 50);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Match match(final String side, final String size) {
    return new Match("cd".repeat(32), "BTC-PERP", side, "t", "m", "i", "q", new BigDecimal("70000"),
        new BigDecimal(size), BigDecimal.ONE, BigDecimal.ONE, 0, 5, 0, "countersigned", "maker", List.of(), List.of(),
        null);
  }

  @Test
  void everyFillIsHedgedByAnIocThereAndBothSidesNetToZero() throws InterruptedException {
    final ArbitrageMaker m = new ArbitrageMaker(ArbitrageMaker.defaults(),
        new HyperliquidPrices(info, now::get, 1_000), venue, 50);
    m.onMatch(match("long", "0.003")); // the trader bought from us: buy there
    m.onMatch(match("short", "0.001"));
    assertTrue(m.awaitHedges(java.time.Duration.ofSeconds(10)));
    assertEquals(new BigDecimal("-0.002"), m.inventoryHere("BTC-PERP"));
    assertEquals(0, m.net("BTC-PERP").signum(), "hedged in full");
    final JsonNode buy = server.exchanged.get(0).path("action").path("orders").path(0);
    assertEquals(0, buy.path("a").asInt(), "BTC is asset 0 in meta");
    assertTrue(buy.path("b").asBoolean());
    assertEquals("70350", buy.path("p").asText(), "70000 + 50 bps, rounded up to BTC's tick");
    assertEquals("0.003", buy.path("s").asText());
    assertEquals("Ioc", buy.path("t").path("limit").path("tif").asText());
    assertEquals("0x" + "cd".repeat(16), buy.path("c").asText(), "the client order id names the match");
    final JsonNode sell = server.exchanged.get(1).path("action").path("orders").path(0);
    assertEquals("69650", sell.path("p").asText(), "70000 - 50 bps, rounded down");
  }

  @Test
  void aSizeBelowTheLotOrARefusalLeavesItUnhedgedAndSaysWhy() {
    final HedgeVenue.Result dust = venue.hedge(new HedgeVenue.Order("BTC-PERP", "long", new BigDecimal("0.000001"),
        new BigDecimal("70000"), "cd".repeat(32)));
    assertEquals(0, dust.filled().signum());
    assertTrue(dust.detail().contains("below the lot"), dust.detail());
    assertTrue(server.exchanged.isEmpty(), "nothing sent");
    server.replies.add(new ReplayServer.Reply(200, "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":"
        + "{\"statuses\":[{\"error\":\"Insufficient margin to place order.\"}]}}}"));
    final HedgeVenue.Result refused = venue.hedge(new HedgeVenue.Order("BTC-PERP", "short", new BigDecimal("0.01"),
        new BigDecimal("70000"), "cd".repeat(32)));
    assertEquals(0, refused.filled().signum());
    assertEquals("refused: Insufficient margin to place order.", refused.detail());
    final HedgeVenue.Result unknown = venue.hedge(new HedgeVenue.Order("NOPE-PERP", "short", BigDecimal.ONE,
        BigDecimal.ONE, "cd".repeat(32)));
    assertTrue(unknown.detail().contains("no perpetual NOPE"), unknown.detail());
  }

  @Test
  void theReferencePriceIsHyperliquidsMidReadAtMostOncePerSecond() {
    final HyperliquidPrices prices = new HyperliquidPrices(info, now::get, 1_000);
    assertEquals(new BigDecimal("30135.0"), prices.price("BTC-PERP", null).orElseThrow());
    assertEquals(new BigDecimal("1903.95"), prices.price("ETH-PERP", null).orElseThrow());
    assertTrue(prices.price("NOPE-PERP", null).isEmpty());
    assertEquals(List.of("allMids"), server.asked, "one reading for every market within the second");
    now.addAndGet(1_000);
    prices.price("BTC-PERP", null);
    assertEquals(List.of("allMids", "allMids"), server.asked);
    final HyperliquidPrices marks = new HyperliquidPrices(info, now::get, 1_000, HyperliquidPrices.Price.MARK);
    assertEquals(new BigDecimal("70002.0"), marks.price("BTC-PERP", null).orElseThrow(), "the mark, not the mid");
  }
}
