package io.perpnet.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.devnet.net.NodeApi;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.AccountFilter;
import io.perpnet.escrow.rpc.SolanaRpc;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted session on a devnet whose oracles read an exchange the test runs (Hyperliquid's
 * shape): trades, a close at mark, a mutual close, a partial fill (an intent larger than either
 * example maker quotes), a price shock that a liquidator answers; then
 * every trading node's view of its open positions equals the chain's, the money adds up, and
 * down leaves no process behind.
 */
class DevnetScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  /** Buys {@code size} BTC at {@code leverage}; the position's match id once it is open on chain. */
  private static String open(final NodeApi api, final EventStream events, final String size, final int leverage)
      throws Exception {
    final JsonNode placed = api.post("/v1/intents", "{\"market\": \"BTC-PERP\", \"side\": \"long\", \"size\": \"" + size
        + "\", \"leverage\": " + leverage + ", \"slippageBps\": 200}");
    final JsonNode done = api.get("/v1/intents/" + placed.path("id").asText() + "?waitMs=30000");
    assertEquals("filled", done.path("status").asText(), done.toString());
    final String matchId = done.path("fills").get(0).path("id").asText();
    events.about("position.opened", matchId, WAIT);
    return matchId;
  }

  @Test
  void tradesClosesAShockAndALiquidationAndEveryViewAgreesWithTheChain() throws Exception {
    try (TestExchange x = new TestExchange(); TestDevnet net = new TestDevnet(dir, new UpOptions(6, 1, 0, x.feed()))) {
      final DevnetState s = net.state;
      final DevnetState.NodeEntry trader = s.nodes().get(5);
      final NodeApi api = new NodeApi(trader.apiUrl(), Path.of(trader.tokenFile()));
      final String leveraged;
      final int partialFills;
      try (EventStream events = EventStream.open(trader, "position_opened", "position_closed");
          EventStream landed = EventStream.open(s.nodes().get(1), "liquidation")) {
        final String atMark = open(api, events, "0.01", 10);
        assertEquals("closed", api.post("/v1/positions/" + atMark + "/close", "{\"type\": \"mark\"}")
            .path("status").asText());

        final String mutual = open(api, events, "0.01", 10);
        final String mark = api.get("/v1/prices/BTC-PERP").path("price").asText();
        assertEquals("closed", api.post("/v1/positions/" + mutual + "/close",
            "{\"type\": \"mutual\", \"price\": \"" + mark + "\"}").path("status").asText());

        // a partial fill: 1 BTC (about $70k) is more than either maker quotes ($50k and $5k at most)
        final JsonNode big = api.post("/v1/intents", "{\"market\": \"BTC-PERP\", \"side\": \"long\", \"size\": \"1\","
            + " \"minFill\": \"0.01\", \"leverage\": 5, \"slippageBps\": 200}");
        final JsonNode part = api.get("/v1/intents/" + big.path("id").asText() + "?waitMs=30000");
        assertEquals("partial", part.path("status").asText(), part.toString());
        BigDecimal filled = BigDecimal.ZERO;
        final Set<String> opening = new java.util.HashSet<>();
        part.path("fills").forEach(f -> opening.add(f.path("id").asText()));
        while (!opening.isEmpty()) { // in whatever order the chain confirms them
          opening.remove(events.next(m -> m.path("kind").asText().equals("position.opened")
              && opening.contains(m.path("data").path("matchId").asText()), WAIT).path("data").path("matchId").asText());
        }
        for (final JsonNode fill : part.path("fills")) { // one match per maker that took part of it
          assertEquals("countersigned", fill.path("state").asText(), part.toString());
          final BigDecimal size = new BigDecimal(api.get("/v1/positions/" + fill.path("id").asText()).path("size")
              .asText());
          assertEquals(new BigDecimal(fill.path("size").asText()), size);
          filled = filled.add(size);
        }
        partialFills = part.path("fills").size();
        assertTrue(filled.compareTo(BigDecimal.ONE) < 0 && filled.compareTo(new BigDecimal("0.01")) >= 0, part.toString());

        leveraged = open(api, events, "0.05", 40);
        final BigDecimal entry = new BigDecimal(api.get("/v1/positions/" + leveraged).path("entryPrice").asText());
        x.btc.set(entry.multiply(new BigDecimal("0.98")).setScale(2, java.math.RoundingMode.DOWN)); // a 2% shock
        events.about("position.closed", leveraged, WAIT);
        assertEquals(leveraged, landed.about("liquidation.won", leveraged, WAIT).path("data").path("matchId").asText(),
            "on the liquidator's liquidation channel");
      }
      final NodeApi liquidator = new NodeApi(s.nodes().get(1).apiUrl(), Path.of(s.nodes().get(1).tokenFile()));
      assertEquals(1, liquidator.get("/v1/liquidations/stats").path("wins").asInt(), "oracle-2 liquidated it");

      final SolanaRpc rpc = new SolanaRpc(s.rpcUrl());
      final List<EscrowAccounts.Position> open = rpc.programAccounts(
          io.perpnet.consensus.identity.Base58.decode(s.programId()),
          List.of(new AccountFilter.DataSize(EscrowAccounts.POSITION_SIZE))).stream()
          .map(a -> EscrowAccounts.position(a.data())).filter(p -> !p.closed()).toList();
      for (final DevnetState.NodeEntry n : s.nodes()) {
        if (!n.roles().contains("trader") && !n.roles().contains("maker")) {
          continue;
        }
        final Set<String> onChain = new TreeSet<>();
        open.stream().filter(p -> p.trader().toBase58().equals(n.address()) || p.maker().toBase58().equals(n.address()))
            .forEach(p -> onChain.add(HexFormat.of().formatHex(p.matchId())));
        final Set<String> seen = new TreeSet<>();
        new NodeApi(n.apiUrl(), Path.of(n.tokenFile())).get("/v1/positions").forEach(p -> seen.add(p.path("id").asText()));
        assertEquals(onChain, seen, n.name() + "'s open positions are the chain's");
      }
      assertEquals(1 + partialFills, open.size(), "only the first trade's and the partial fill's positions are still open");
      final JsonNode status = Status.of(Repo.find(), s);
      assertTrue(status.path("conservation").path("balanced").asBoolean(), status.path("conservation").toString());
      assertEquals(leveraged, status.path("recentLiquidations").get(0).path("matchId").asText(), status.toString());
      assertEquals("oracle-2", status.path("recentLiquidations").get(0).path("liquidator").asText());
      assertTrue(status.path("recentTrades").size() >= 5, "the first trade and the scenario's four: "
          + status.path("recentTrades"));
    }
  }
}
