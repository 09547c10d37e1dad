package io.perpnet.node.oracle.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exchange adapters against a local server that answers with recorded shapes, errors,
 * silence and nonsense; each failure has its reason and none is a price.
 */
class HttpFeedsTest {
  private static final Path RECORDED = Path.of("src/test/resources/feeds");
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private URI base;

  private record Answer(int status, String body, boolean silent) {
    static Answer ok(final String body) {
      return new Answer(200, body, false);
    }
  }

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      final Answer a = answer.get();
      if (a.silent()) {
        try {
          release.await(30, TimeUnit.SECONDS); // answers only when the test is over
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      final byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(a.status(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private CoinbaseFeed coinbase() {
    return new CoinbaseFeed(base, Duration.ofMillis(500), clock::get);
  }

  private HyperliquidFeed hyperliquid() {
    return new HyperliquidFeed(base, Duration.ofMillis(500), clock::get);
  }

  private static String recorded(final String name) throws Exception {
    return Files.readString(RECORDED.resolve(name));
  }

  @Test
  void coinbaseSpotAndHyperliquidMidsAreRead() throws Exception {
    answer.set(Answer.ok(recorded("coinbase-btc-spot.json")));
    assertEquals(new SourcePrice(97_012_345_000L, 1_000_000), coinbase().read("BTC-PERP"));
    answer.set(Answer.ok(recorded("hyperliquid-allmids.json")));
    final HyperliquidFeed h = hyperliquid();
    assertEquals(new SourcePrice(97_010_500_000L, 1_000_000), h.read("BTC-PERP"));
    assertEquals(new SourcePrice(180_235_123L, 1_000_000), h.read("SOL-PERP"), "rounded half-even to 6 decimals");
    assertEquals(FeedException.Reason.UNKNOWN_SYMBOL, assertThrows(FeedException.class, () -> h.read("XRP-PERP")).reason());
  }

  @Test
  void hyperliquidMarkPricesAreReadFromTheAssetContexts() throws Exception {
    answer.set(Answer.ok(recorded("hyperliquid-metaandassetctxs.json")));
    final HyperliquidFeed marks = new HyperliquidFeed(base, Duration.ofMillis(500), clock::get,
        HyperliquidFeed.Price.MARK);
    assertEquals(new SourcePrice(97_011_000_000L, 1_000_000), marks.read("BTC-PERP"), "the mark, not the mid");
    assertEquals(new SourcePrice(3_500_100_000L, 1_000_000), marks.read("ETH-PERP"));
    assertEquals(FeedException.Reason.UNKNOWN_SYMBOL, assertThrows(FeedException.class, () -> marks.read("SOL-PERP"))
        .reason());
    answer.set(Answer.ok("[{\"universe\":[{\"name\":\"BTC\"}]},[]]"));
    clock.addAndGet(1_000);
    assertEquals(FeedException.Reason.MALFORMED, assertThrows(FeedException.class, () -> marks.read("BTC-PERP"))
        .reason(), "contexts not one per coin");
  }

  @Test
  void errorStatusesAndSilenceAreUnavailableOrTimeouts() {
    answer.set(new Answer(500, "{\"error\":\"internal\"}", false));
    assertEquals(FeedException.Reason.UNAVAILABLE, assertThrows(FeedException.class, () -> coinbase().read("BTC-PERP")).reason());
    answer.set(new Answer(429, "rate limited", false));
    final FeedException limited = assertThrows(FeedException.class, () -> hyperliquid().read("BTC-PERP"));
    assertEquals(FeedException.Reason.UNAVAILABLE, limited.reason());
    assertTrue(limited.getMessage().contains("429"), limited.getMessage());
    answer.set(new Answer(200, "{}", true));
    assertEquals(FeedException.Reason.TIMEOUT, assertThrows(FeedException.class, () -> coinbase().read("BTC-PERP")).reason());
    server.stop(0);
    assertEquals(FeedException.Reason.UNAVAILABLE, assertThrows(FeedException.class, () -> hyperliquid().read("BTC-PERP")).reason());
  }

  @Test
  void nonsenseIsNeverAPrice() {
    for (final String amount : new String[] {"\"-5\"", "\"0\"", "\"0.0000001\"", "\"NaN\"", "\"abc\"", "\"1e30\"",
        "97000.5", "null", "\"99999999999999999999\"", "\"\""}) {
      answer.set(Answer.ok("{\"data\":{\"amount\":" + amount + ",\"base\":\"BTC\",\"currency\":\"USD\"}}"));
      assertEquals(FeedException.Reason.MALFORMED, assertThrows(FeedException.class, () -> coinbase().read("BTC-PERP"),
          amount).reason(), amount);
      answer.set(Answer.ok("{\"BTC\":" + amount + "}"));
      assertEquals(FeedException.Reason.MALFORMED, assertThrows(FeedException.class, () -> hyperliquid().read("BTC-PERP"),
          amount).reason(), amount);
    }
    answer.set(Answer.ok("{\"data\":{\"amount\":\"3400\",\"base\":\"ETH\",\"currency\":\"USD\"}}"));
    assertEquals(FeedException.Reason.MALFORMED, assertThrows(FeedException.class, () -> coinbase().read("BTC-PERP")).reason(),
        "an answer for another pair");
    answer.set(Answer.ok("<html>maintenance</html>"));
    assertEquals(FeedException.Reason.MALFORMED, assertThrows(FeedException.class, () -> coinbase().read("BTC-PERP")).reason());
    answer.set(Answer.ok("[1, 2]"));
    assertEquals(FeedException.Reason.MALFORMED, assertThrows(FeedException.class, () -> hyperliquid().read("BTC-PERP")).reason());
  }
}
