package io.perpnet.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perpnet.devnet.net.NodeApi;
import io.perpnet.devnet.proc.Processes;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's arbitrage maker ({@code perp agent run arbitrage-maker --hedge hyperliquid:URL}, a real
 * process) in place of the devnet's example makers, quoting around the mids of a Hyperliquid
 * stand-in on 127.0.0.1 (whose {@code allMids} the devnet's oracles read too) and hedging every
 * fill there with an IOC that the stand-in fills as sent: its inventory here plus there is zero.
 */
class ArbitrageHedgeOnDevnetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String META = "{\"universe\":[{\"maxLeverage\":50,\"name\":\"BTC\",\"szDecimals\":5},"
      + "{\"maxLeverage\":50,\"name\":\"ETH\",\"szDecimals\":4},{\"maxLeverage\":20,\"name\":\"SOL\",\"szDecimals\":2}]}";

  @TempDir
  Path dir;

  /** Hyperliquid on 127.0.0.1: flat mids, meta, and an exchange endpoint that fills every IOC in full. */
  private static final class StandIn implements AutoCloseable {
    final LinkedBlockingQueue<JsonNode> orders = new LinkedBlockingQueue<>();
    private final HttpServer server;

    StandIn() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/info", h -> {
        final String type = JSON.readTree(h.getRequestBody()).path("type").asText();
        answer(h, type.equals("meta") ? META : "{\"BTC\":\"70000\",\"ETH\":\"3500\",\"SOL\":\"150\"}");
      });
      server.createContext("/exchange", h -> {
        final JsonNode o = JSON.readTree(h.getRequestBody()).path("action").path("orders").path(0);
        orders.add(o);
        answer(h, "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":[{\"filled\":"
            + "{\"totalSz\":\"" + o.path("s").asText() + "\",\"avgPx\":\"" + o.path("p").asText() + "\",\"oid\":"
            + orders.size() + "}}]}}}");
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(final HttpExchange h, final String body) throws IOException {
      final byte[] b = body.getBytes(StandardCharsets.UTF_8);
      h.sendResponseHeaders(200, b.length);
      h.getResponseBody().write(b);
      h.close();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void everyFillOfTheArbitrageMakerIsHedgedOnHyperliquidAndItsInventoryNetsToZero() throws Exception {
    try (StandIn hl = new StandIn();
        TestDevnet net = new TestDevnet(dir, new UpOptions(6, 1, 0, "hyperliquid:" + hl.url()))) {
      final DevnetState.NodeEntry maker = net.state.nodes().stream().filter(n -> n.name().equals("maker-aggressive"))
          .findFirst().orElseThrow();
      for (final DevnetState.NodeEntry n : net.state.nodes()) { // the arbitrage maker is the only one quoting
        if (n.agentProcess() != null) {
          assertTrue(Processes.stop(n.agentProcess(), Duration.ofSeconds(20)), n.name() + "'s agent stops");
        }
      }
      final Path key = dir.resolve("hl-key");
      Files.writeString(key, "0x0123456789012345678901234567890123456789012345678901234567890123\n");
      final Path log = Repo.find().root().resolve("devnet/target/arbitrage-maker.log"); // kept for a look after
      Files.deleteIfExists(log);
      final DevnetState.Proc arb = Processes.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-jar", Repo.find().agentJar().toString(), "run", "arbitrage-maker", "--node", maker.apiUrl(),
          "--token", Path.of(maker.tokenFile()).resolveSibling("token-trade").toString(), "--hedge",
          "hyperliquid:" + hl.url(), "--hl-key", key.toString(), "--reference", "hedge", "--markets", "BTC-PERP"),
          dir, log);
      try {
        Processes.awaitLine(arb, 0, "AGENT ", Duration.ofSeconds(60));
        final DevnetState.NodeEntry trader = net.state.nodes().get(5);
        final NodeApi api = new NodeApi(trader.apiUrl(), Path.of(trader.tokenFile()));
        final Set<String> ours = new HashSet<>();
        final List<JsonNode> all = new ArrayList<>();
        BigDecimal here = BigDecimal.ZERO; // the arbitrage maker's net size on our network
        for (final String side : List.of("long", "long", "short")) {
          // a 1 s quote window: the maker's quote comes from another process through two nodes, on two cores
          final JsonNode placed = api.post("/v1/intents", "{\"market\": \"BTC-PERP\", \"side\": \"" + side
              + "\", \"size\": \"0.002\", \"leverage\": 5, \"slippageBps\": 100, \"quoteWindowMs\": 1000}");
          final JsonNode done = api.get("/v1/intents/" + placed.path("id").asText() + "?waitMs=30000");
          assertEquals("filled", done.path("status").asText(), done + "\n" + Files.readString(log));
          all.add(done);
          for (final JsonNode f : done.path("fills")) {
            if (f.path("maker").asText().equals(maker.address())) {
              ours.add(f.path("id").asText());
              final BigDecimal size = new BigDecimal(f.path("size").asText());
              here = here.add(side.equals("long") ? size.negate() : size); // the maker took the other side
            }
          }
        }
        assertEquals(3, ours.size(), "the arbitrage maker filled each: " + all + "\n" + Files.readString(log));
        BigDecimal there = BigDecimal.ZERO;
        final List<String> cloids = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) { // one hedge per fill, each as it happens
          final JsonNode o = hl.orders.poll(60, TimeUnit.SECONDS);
          assertNotNull(o, "a hedge for every fill: " + Files.readString(log));
          assertEquals("Ioc", o.path("t").path("limit").path("tif").asText());
          final BigDecimal size = new BigDecimal(o.path("s").asText());
          there = there.add(o.path("b").asBoolean() ? size : size.negate());
          cloids.add(o.path("c").asText());
        }
        assertEquals(0, here.add(there).signum(), "here " + here + ", there " + there);
        for (final String c : cloids) {
          assertTrue(ours.stream().anyMatch(id -> c.equals("0x" + id.substring(0, 32))), "the hedge names its match: "
              + c);
        }
      } finally {
        Processes.stop(arb, Duration.ofSeconds(20));
      }
      assertFalse(Processes.alive(arb));
    }
  }
}
