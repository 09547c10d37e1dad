package io.perpnet.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.devnet.net.Readiness;
import io.perpnet.devnet.net.Validator;
import io.perpnet.devnet.proc.Processes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --rpc-url}: a devnet on a cluster it did not start (here a second local validator with
 * the escrow deployed, standing in for any test cluster with a faucet): genesis, nodes and the first
 * trade on it; {@code down} stops the nodes and leaves the cluster running.
 */
class ExternalClusterTest {
  @TempDir
  Path dir;

  @Test
  void withoutAPubSubUrlItIsTheRpcPortPlusOneOverWs() {
    assertEquals("ws://127.0.0.1:8900", UpOptions.External.of("http://127.0.0.1:8899", null, "x").wsUrl());
    assertEquals("wss://api.example.org:444/rpc", UpOptions.External.of("https://api.example.org/rpc", null, "x")
        .wsUrl());
  }

  @Test
  void aDevnetOnAClusterItDidNotStartTradesAndLeavesTheClusterRunning() throws Exception {
    // the devnet's admin must be the escrow's upgrade authority (only it may initialize the program)
    final io.perpnet.consensus.identity.Ed25519KeyPair admin = io.perpnet.consensus.identity.Ed25519KeyPair.generate();
    java.nio.file.Files.createDirectories(new DevnetDir(dir.resolve("net")).key("admin").getParent());
    io.perpnet.consensus.identity.KeyFile.write(new DevnetDir(dir.resolve("net")).key("admin"), admin);
    final Validator.Started cluster = Validator.start(Repo.find(), new DevnetDir(dir.resolve("cluster")), 0,
        admin.publicKey().toAddress());
    final StringWriter printed = new StringWriter();
    final Devnet devnet = new Devnet(Repo.find(), new DevnetDir(dir.resolve("net")), new PrintWriter(printed, true));
    final List<DevnetState.Proc> nodes = new ArrayList<>();
    try {
      final UpOptions calm = CalmPrices.options(dir.resolve("net"), 6);
      final DevnetState s = devnet.up(new UpOptions(6, calm.seed(), 0, calm.prices(), Optional.of(
          UpOptions.External.of(cluster.rpcUrl(), cluster.wsUrl(), Validator.PROGRAM_ID))));
      s.nodes().forEach(n -> {
        nodes.add(n.process());
        if (n.agentProcess() != null) {
          nodes.add(n.agentProcess());
        }
      });
      assertNull(s.validator(), "no validator of its own");
      assertEquals("filled", Readiness.await(s).path("status").asText());
      final JsonNode status = Status.of(Repo.find(), s);
      assertTrue(status.path("chain").path("external").asBoolean() && status.path("chain").path("alive").asBoolean(),
          status.path("chain").toString());
      assertTrue(status.path("conservation").path("balanced").asBoolean(), status.path("conservation").toString());
      assertTrue(status.path("recentTrades").size() >= 1, status.path("recentTrades").toString());
      devnet.down(false);
      assertTrue(printed.toString().contains("external, left running"), printed.toString());
      for (final DevnetState.Proc p : nodes) {
        assertFalse(Processes.alive(p), "down stopped " + p);
      }
      assertTrue(Processes.alive(cluster.process()), "the cluster is not the devnet's to stop");
    } finally {
      devnet.down(true);
      Processes.stop(cluster.process(), Duration.ofSeconds(20));
    }
  }
}
