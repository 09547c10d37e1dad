package io.perpnet.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.consensus.testing.ChildProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code perp p2p} as a user runs it: a real process, talking to a js-libp2p peer. */
class P2pCommandTest {
  private static final Path JSPEER = Path.of("..", "p2p", "interop", "jspeer.mjs");

  @ParameterizedTest(name = "nosign={0}")
  @ValueSource(booleans = {false, true})
  void talksToAJsLibp2pPeer(final boolean nosign, @TempDir final Path dir) throws Exception {
    final Path key = dir.resolve("agent.json");
    final Ed25519KeyPair keys = Ed25519KeyPair.generate();
    KeyFile.write(key, keys);
    final String javaId = PeerId.of(keys.publicKey()).toBase58();
    final List<String> perp = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "p2p", "--key", key.toString(), "--listen", "/ip4/127.0.0.1/tcp/0", "--topic", "perp/cli"));
    if (nosign) {
      perp.add("--nosign");
    }
    try (ChildProcess java = ChildProcess.start("perp p2p", perp)) {
      final String listen = java.awaitLine(l -> l.startsWith("LISTEN ")).substring(7);
      assertTrue(listen.matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/" + javaId), listen);
      final List<String> js = new ArrayList<>(List.of("node", JSPEER.toString(), "--seed", "77".repeat(32),
          "--topic", "perp/cli", "--dial", listen));
      if (nosign) {
        js.add("--nosign");
      }
      try (ChildProcess peer = ChildProcess.start("js peer", js)) {
        final String jsId = peer.awaitLine(l -> l.startsWith("LISTEN ")).replaceAll(".*/p2p/", "");
        peer.awaitLine(l -> l.equals("SUBSCRIBED " + javaId + " perp/cli"));
        // js answers "!mesh <id>" once its mesh holds that peer
        final int asked = peer.mark();
        peer.send("!mesh " + javaId);
        peer.awaitLine(asked, l -> l.startsWith("MESH perp/cli ") && l.contains(javaId));
        peer.send("hello from js");
        java.awaitLine(l -> l.equals("MSG perp/cli " + (nosign ? "-" : jsId) + " " + hex("hello from js")));
        java.send("hello from java");
        peer.awaitLine(l -> l.equals("MSG perp/cli " + (nosign ? "-" : javaId) + " " + hex("hello from java")));
      }
      java.closeInput();
      assertEquals(0, java.awaitExit(Duration.ofSeconds(10)), "perp p2p did not stop at the end of its input");
    }
  }

  @Test
  void explainsBadArguments(@TempDir final Path dir) {
    final StringWriter err = new StringWriter();
    final int missing = Main.run(new String[] {"p2p", "--key", dir.resolve("none.json").toString(),
        "--listen", "/ip4/127.0.0.1/tcp/0", "--topic", "t"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    assertEquals(ExitCodes.USER_ERROR, missing);
    assertTrue(err.toString().contains("no such key file"), err.toString());
  }

  @Test
  void refusesADialAddressWithoutPeerId(@TempDir final Path dir) throws Exception {
    final Path key = dir.resolve("agent.json");
    KeyFile.write(key, Ed25519KeyPair.generate());
    final StringWriter err = new StringWriter();
    final int code = Main.run(new String[] {"p2p", "--key", key.toString(), "--listen", "/ip4/127.0.0.1/tcp/0",
        "--dial", "/ip4/127.0.0.1/tcp/1", "--topic", "t"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    assertEquals(ExitCodes.USER_ERROR, code);
    assertTrue(err.toString().contains("/p2p/<peer id>"), err.toString());
  }

  private static String hex(final String s) {
    return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
  }
}
