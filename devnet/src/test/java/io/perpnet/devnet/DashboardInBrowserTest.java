package io.perpnet.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.devnet.net.NodeApi;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in Debian's headless Chromium (driven by playwright-core, devnet/dashboard-test)
 * against a trader node of a devnet whose oracles read an exchange the test runs: the page loads
 * with the read token; a position the test opens appears with its mark, and in the market's open
 * interest; a price move shows; a
 * price shock's liquidation shows in the trades and the position leaves the open ones; all without
 * a reload, a script error or a request the page's security policy blocked. Screenshots go to
 * {@code devnet/target/dashboard/}.
 */
class DashboardInBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path dir;

  /** The browser script's answers, a line at a time. */
  private static final class Script implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final StringBuilder all = new StringBuilder();

    Script(final ProcessBuilder pb) throws Exception {
      process = pb.start();
      in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      final Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            synchronized (all) {
              all.append(line).append('\n');
            }
            out.add(line);
          }
        } catch (java.io.IOException e) {
          out.add("fail reading the script: " + e);
        }
        out.add("fail the script ended");
      }, "dashboard-script");
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits for the script's next answer, which must be {@code expected}. */
    void expect(final String expected) throws InterruptedException {
      final String line = out.poll(WAIT.toSeconds() + 30, TimeUnit.SECONDS);
      assertEquals(expected, line, "the browser script said:\n" + printed());
    }

    void step(final String line, final String expected) throws Exception {
      in.write(line + "\n");
      in.flush();
      expect(expected);
    }

    String printed() {
      synchronized (all) {
        return all.toString();
      }
    }

    @Override
    public void close() throws Exception {
      in.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void theDashboardFollowsAPositionFromItsOpenThroughAPriceMoveToItsLiquidation() throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing (.ci/run installs Debian's chromium)");
    final Path scriptDir = Repo.find().root().resolve("devnet/dashboard-test");
    final Path npmLog = dir.resolve("npm.log");
    final Process npm = new ProcessBuilder("bash", "-c", "npm ci --no-audit --no-fund --ignore-scripts --loglevel=error")
        .directory(scriptDir.toFile()).redirectErrorStream(true).redirectOutput(npmLog.toFile()).start();
    assertEquals(0, npm.waitFor(), "npm ci in devnet/dashboard-test: " + Files.readString(npmLog));

    final Path shots = Repo.find().root().resolve("devnet/target/dashboard");
    Files.deleteIfExists(shots.resolve("dashboard.png")); // this run's, not a previous one's
    try (TestExchange x = new TestExchange(); TestDevnet net = new TestDevnet(dir, new UpOptions(6, 1, 0, x.feed()))) {
      final DevnetState s = net.state;
      final DevnetState.NodeEntry trader = s.nodes().get(5);
      final NodeApi api = new NodeApi(trader.apiUrl(), Path.of(trader.tokenFile()));
      final ProcessBuilder pb = new ProcessBuilder("node", "dashboard.mjs").directory(scriptDir.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("browser.log").toFile()));
      pb.environment().put("PERP_DASHBOARD_URL", trader.apiUrl() + "/");
      pb.environment().put("PERP_TOKEN_FILE", Path.of(trader.tokenFile()).resolveSibling("token-read").toString());
      pb.environment().put("PERP_SCREENSHOT_DIR", shots.toString());
      pb.environment().put("PERP_CHROMIUM", CHROMIUM.toString());
      try (Script page = new Script(pb);
          EventStream events = EventStream.open(trader, "position_opened", "position_closed", "price", "fill")) {
        page.expect("ready");

        final JsonNode placed = api.post("/v1/intents", "{\"market\": \"BTC-PERP\", \"side\": \"long\","
            + " \"size\": \"0.05\", \"leverage\": 40, \"slippageBps\": 200, \"reason\": \"browser test: long BTC\"}");
        final JsonNode done = api.get("/v1/intents/" + placed.path("id").asText() + "?waitMs=30000");
        assertEquals("filled", done.path("status").asText(), done.toString());
        final String matchId = done.path("fills").get(0).path("id").asText();
        try {
          events.about("position.opened", matchId, WAIT);
        } catch (AssertionError notOpened) { // say where the match stands: its state, attempts, transactions
          throw new AssertionError(notOpened.getMessage() + "; the match: " + api.get("/v1/matches/" + matchId),
              notOpened);
        }
        page.step("position " + matchId, "ok position");
        BigDecimal open = BigDecimal.ZERO; // the only trader: every open position is one of its own
        for (final JsonNode p : api.get("/v1/positions?market=BTC-PERP")) {
          open = open.add(new BigDecimal(p.path("size").asText()));
        }
        page.step("interest BTC-PERP " + open.stripTrailingZeros().toPlainString(), "ok interest");

        final BigDecimal entry = new BigDecimal(api.get("/v1/positions/" + matchId).path("entryPrice").asText());
        final String before = api.get("/v1/prices/BTC-PERP").path("price").asText();
        x.btc.set(entry.multiply(new BigDecimal("0.999")).setScale(2, RoundingMode.DOWN)); // 0.1%: no liquidation
        final String moved = events.next(m -> m.path("channel").asText().equals("price")
            && m.path("data").path("market").asText().equals("BTC-PERP")
            && !m.path("data").path("price").asText().equals(before), WAIT).path("data").path("price").asText();
        page.step("price BTC-PERP " + moved, "ok price");

        x.btc.set(entry.multiply(new BigDecimal("0.98")).setScale(2, RoundingMode.DOWN)); // a 2% shock at 40x
        events.next(m -> m.path("channel").asText().equals("fill") && m.path("data").path("matchId").asText()
            .equals(matchId) && m.path("data").path("kind").asText().equals("liquidated"), WAIT);
        page.step("liquidation " + matchId, "ok liquidation");
        page.step("end", "ok end");
      }
      assertTrue(Files.size(shots.resolve("dashboard.png")) > 10_000,
          "a screenshot of the page after the liquidation");
    }
  }
}
