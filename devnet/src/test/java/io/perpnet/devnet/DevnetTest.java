package io.perpnet.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.devnet.cli.DevnetCommand;
import io.perpnet.devnet.net.NodeApi;
import io.perpnet.devnet.net.Readiness;
import io.perpnet.devnet.proc.Processes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet command for real: up starts a validator and six node processes and returns once the
 * first trade filled; status agrees with the nodes and the chain and the money adds up; down
 * stops every process; up again resumes with the state (the position is still there); down
 * --purge leaves nothing.
 */
class DevnetTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final StringWriter printed = new StringWriter();
  private final PrintWriter out = new PrintWriter(printed, true);

  private JsonNode status() throws Exception {
    final StringWriter json = new StringWriter();
    assertEquals(0, DevnetCommand.run(new String[] {"status", "--json", "--dir", dir.toString()},
        new PrintWriter(json, true), out), printed.toString());
    return JSON.readTree(json.toString());
  }

  private UpOptions calm(final int nodes) throws Exception {
    return CalmPrices.options(dir, nodes);
  }

  @Test
  void upTradesStatusAgreesDownStopsAndUpResumes() throws Exception {
    final Devnet devnet = new Devnet(Repo.find(), new DevnetDir(dir), out);
    final List<DevnetState.Proc> started = new ArrayList<>();
    try {
      final DevnetState s = devnet.up(calm(6));
      started.add(s.validator());
      s.nodes().forEach(n -> {
        started.add(n.process());
        if (n.agentProcess() != null) {
          started.add(n.agentProcess());
        }
      });
      final JsonNode first = Readiness.await(s);
      assertEquals("filled", first.path("status").asText(), "up returns once the network trades");
      final String firstMatch = first.path("fills").get(0).path("id").asText();

      final JsonNode status = status();
      for (final String field : List.of("rpcUrl", "wsUrl", "programId", "usdcMint")) {
        assertTrue(status.path(field).asText().length() > 10, field);
      }
      assertEquals(6, status.path("nodes").size());
      final Set<String> roles = new java.util.HashSet<>();
      for (final JsonNode n : status.path("nodes")) {
        for (final String field : List.of("name", "address", "peerId", "apiUrl", "tokenFile")) {
          assertFalse(n.path(field).asText().isEmpty(), field);
        }
        assertTrue(n.path("alive").asBoolean(), n.toString());
        assertTrue(n.path("connectedPeers").asInt() >= 1, n.toString());
        n.path("roles").forEach(r -> roles.add(r.asText()));
      }
      assertEquals(Set.of("oracle", "keeper", "liquidator", "maker", "trader"), roles);
      assertTrue(status.path("conservation").path("balanced").asBoolean(), status.path("conservation").toString());
      final JsonNode btc = status.path("markets").get(0);
      assertEquals("BTC-PERP", btc.path("symbol").asText());
      assertEquals(1, btc.path("openPositions").asInt(), "the first trade's position is on chain");
      final JsonNode trader = status.path("nodes").get(5);
      assertEquals(1, trader.path("openPositions").asInt(), "and the trader's node sees it");
      final java.math.BigDecimal equity = new java.math.BigDecimal(trader.path("equity").asText());
      assertTrue(equity.compareTo(new java.math.BigDecimal("99000")) > 0 && equity.compareTo(
          new java.math.BigDecimal("100000")) <= 0, "its equity: the deposit less fees and the spread " + trader);

      final StringWriter again = new StringWriter();
      new Devnet(Repo.find(), new DevnetDir(dir), new PrintWriter(again, true)).up(calm(6));
      assertTrue(again.toString().contains("already running"), again.toString());

      devnet.down(false);
      for (final DevnetState.Proc p : started) {
        assertFalse(Processes.alive(p), "down stopped " + p);
      }
      assertFalse(status().path("chain").path("alive").asBoolean());

      final DevnetState resumed = devnet.up(calm(6));
      started.add(resumed.validator());
      resumed.nodes().forEach(n -> {
        started.add(n.process());
        if (n.agentProcess() != null) {
          started.add(n.agentProcess());
        }
      });
      final DevnetState.NodeEntry t = resumed.nodes().get(5);
      final NodeApi api = new NodeApi(t.apiUrl(), Path.of(t.tokenFile()));
      assertEquals("confirmed", api.get("/v1/matches/" + firstMatch).path("state").asText(),
          "the resumed node and chain still hold the first trade's position");
      assertEquals(1, api.get("/v1/positions").size());
      assertTrue(api.get("/v1/events?after=0&limit=1000").path("events").toString().contains(firstMatch),
          "the trader's event log survived");
    } finally {
      devnet.down(true);
    }
    for (final DevnetState.Proc p : started) {
      assertFalse(Processes.alive(p), "nothing left running: " + p);
    }
    assertFalse(java.nio.file.Files.exists(dir.resolve("devnet.json")));
  }
}
