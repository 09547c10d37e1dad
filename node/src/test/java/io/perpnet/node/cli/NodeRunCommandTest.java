package io.perpnet.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Base58;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.consensus.testing.ChildProcess;
import io.perpnet.escrow.testing.EscrowWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perp node run} as an operator runs it: real processes, a config file, SIGTERM. */
class NodeRunCommandTest {
  private static List<String> perp(final String... args) {
    final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static Path config(final Path dir, final String rpcUrl, final String program, final String mint)
      throws Exception {
    final Ed25519KeyPair keys = Ed25519KeyPair.generate();
    KeyFile.write(dir.resolve("agent.json"), keys);
    final Path file = dir.resolve("node.toml");
    Files.writeString(file, """
        key-file = "agent.json"
        data-dir = "data"
        rpc-url = "%s"
        program-id = "%s"
        usdc-mint = "%s"
        metrics-listen = ""
        api-listen = "127.0.0.1:0"
        """.formatted(rpcUrl, program, mint));
    return file;
  }

  @Test
  void runsUntilSigtermAndASecondNodeOnItsDataDirectoryIsRefused(@TempDir final Path dir) throws Exception {
    try (EscrowWorld world = EscrowWorld.start()) {
      runsUntilSigterm(dir, config(dir, world.validator.rpcUrl, Base58.encode(world.programId.bytes()),
          world.mint.toBase58()));
    }
  }

  private static void runsUntilSigterm(final Path dir, final Path file) throws Exception {
    try (ChildProcess node = ChildProcess.start("perp node run", perp("node", "run", "--config", file.toString()),
        null, true)) {
      final String listen = node.awaitLine(l -> l.startsWith("LISTEN ")).substring(7);
      final String id = PeerId.of(KeyFile.read(dir.resolve("agent.json")).publicKey()).toBase58();
      assertTrue(listen.matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/" + id), listen);
      node.awaitLine(l -> l.contains("node started: peer " + id));
      // the agent API, with the tokens it made in the data directory
      final String[] api = node.awaitLine(l -> l.startsWith("API ")).split(" ");
      assertEquals(dir.resolve("data").resolve("api").toString(), api[2]);
      final String token = Files.readString(Path.of(api[2], "token-read")).strip();
      final var agent = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(api[1] + "/agent")).header("Authorization", "Bearer " + token).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, agent.statusCode(), agent.body());
      assertTrue(agent.body().contains("\"peerId\":\"" + id + "\""), agent.body());
      // the same data directory, another port: refused before it listens
      try (ChildProcess second = ChildProcess.start("second node", perp("node", "run", "--config", file.toString(),
          "--listen", "/ip4/127.0.0.1/tcp/0"), null, true)) {
        assertEquals(ExitCodes.USER_ERROR, second.awaitExit(Duration.ofSeconds(30)));
        assertTrue(second.lines().stream().anyMatch(l -> l.contains("is in use by another node")), second.lines().toString());
      }
      final int from = node.mark();
      ProcessHandle.of(node.pid()).orElseThrow().destroy(); // SIGTERM
      node.awaitLine(from, l -> l.contains("node stopped"), Duration.ofSeconds(30));
      assertEquals(143, node.awaitExit(Duration.ofSeconds(30)), "the JVM's exit status after SIGTERM");
    }
    // the store was closed cleanly: it opens again
    assertEquals(ExitCodes.OK, Main.run(new String[] {"node", "replay", "--data", dir.resolve("data").toString()},
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter())));
  }

  @Test
  void anUnreachableRpcEndpointIsWaitedForWithAJsonLineSayingSoAndSigtermStillStopsCleanly(@TempDir final Path dir)
      throws Exception {
    final Path file = config(dir, "http://127.0.0.1:9", "11111111111111111111111111111111",
        "11111111111111111111111111111111");
    Files.writeString(file, Files.readString(file).replace("metrics-listen = \"\"", "metrics-listen = \"127.0.0.1:0\""));
    try (ChildProcess node = ChildProcess.start("perp node run", perp("node", "run", "--config", file.toString(),
        "--log-format", "json"), null, true)) {
      // one JSON object per line, as the flag asks (over the file's default)
      node.awaitLine(l -> l.startsWith("{") && l.contains("\"formattedMessage\":\"waiting for the Solana RPC endpoint")
          && l.contains("retrying in"));
      // its metrics are served while it waits
      final String at = node.awaitLine(l -> l.contains("metrics on http")); // JSON writes the slashes as \/
      final java.util.regex.Matcher port = java.util.regex.Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(at);
      assertTrue(port.find(), at);
      final String url = "http://127.0.0.1:" + port.group(1) + "/metrics";
      final String scraped = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(scraped.contains("perp_peers 0.0"), scraped);
      final int from = node.mark();
      ProcessHandle.of(node.pid()).orElseThrow().destroy(); // SIGTERM
      node.awaitLine(from, l -> l.contains("node stopped"), Duration.ofSeconds(30));
      assertEquals(143, node.awaitExit(Duration.ofSeconds(30)));
    }
    assertEquals(ExitCodes.OK, Main.run(new String[] {"node", "replay", "--data", dir.resolve("data").toString()},
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter())),
        "the store was closed");
  }

  @Test
  void anUnknownFlagOrAMissingSettingIsRefusedWithItsName(@TempDir final Path dir) throws Exception {
    final java.io.StringWriter err = new java.io.StringWriter();
    assertEquals(ExitCodes.USER_ERROR, Main.run(new String[] {"node", "run", "--colour", "red"},
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true)));
    assertTrue(err.toString().contains("Unknown options: '--colour'"), err.toString());
    final java.io.StringWriter err2 = new java.io.StringWriter();
    assertEquals(ExitCodes.USER_ERROR, Main.run(new String[] {"node", "run", "--data-dir", dir.toString()},
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err2, true)));
    assertTrue(err2.toString().contains("missing setting key-file"), err2.toString());
  }
}
