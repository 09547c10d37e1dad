package io.perpnet.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.consensus.identity.PeerId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code perp p2p} as a user runs it: a real process, talking to a js-libp2p peer. */
class P2pCommandTest {
  private static final Path JSPEER = Path.of("..", "p2p", "interop", "jspeer.mjs");

  /** A child process whose stdout lines we collect. */
  private static final class Child implements AutoCloseable {
    final Process process;
    final Writer stdin;
    final List<String> lines = new ArrayList<>();

    Child(final List<String> command) throws IOException {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      final Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = r.readLine()) != null; ) {
            synchronized (lines) {
              lines.add(l);
              lines.notifyAll();
            }
          }
        } catch (IOException e) {
          // process ended
        }
      });
      t.setDaemon(true);
      t.start();
    }

    String await(final Predicate<String> p) throws InterruptedException, TimeoutException {
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      synchronized (lines) {
        while (true) {
          for (final String l : lines) {
            if (p.test(l)) {
              return l;
            }
          }
          final long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new TimeoutException("never printed the expected line; printed " + lines);
          }
          TimeUnit.NANOSECONDS.timedWait(lines, left);
        }
      }
    }

    /** Asks a js peer for its mesh until it contains {@code peer} (the mesh forms at heartbeats). */
    void awaitMeshWith(final String peer) throws Exception {
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        final int seen;
        synchronized (lines) {
          seen = lines.size();
        }
        line("!mesh");
        final int[] index = {0};
        final String mesh = await(l -> index[0]++ >= seen && l.startsWith("MESH "));
        if (mesh.contains(peer)) {
          return;
        }
        synchronized (lines) {
          lines.wait(100);
        }
      }
      throw new TimeoutException("js never meshed with " + peer);
    }

    void line(final String text) throws IOException {
      stdin.write(text + "\n");
      stdin.flush();
    }

    @Override
    public void close() throws IOException {
      stdin.close();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

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
    try (Child java = new Child(perp)) {
      final String listen = java.await(l -> l.startsWith("LISTEN ")).substring(7);
      assertTrue(listen.matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/" + javaId), listen);
      final List<String> js = new ArrayList<>(List.of("node", JSPEER.toString(), "--seed", "77".repeat(32),
          "--topic", "perp/cli", "--dial", listen));
      if (nosign) {
        js.add("--nosign");
      }
      try (Child peer = new Child(js)) {
        final String jsId = peer.await(l -> l.startsWith("LISTEN ")).replaceAll(".*/p2p/", "");
        peer.await(l -> l.equals("SUBSCRIBED " + javaId + " perp/cli"));
        peer.awaitMeshWith(javaId);
        peer.line("hello from js");
        java.await(l -> l.equals("MSG perp/cli " + (nosign ? "-" : jsId) + " " + hex("hello from js")));
        java.line("hello from java");
        peer.await(l -> l.equals("MSG perp/cli " + (nosign ? "-" : javaId) + " " + hex("hello from java")));
      }
      java.stdin.close();
      assertTrue(java.process.waitFor(10, TimeUnit.SECONDS), "perp p2p did not stop at the end of its input");
      assertEquals(0, java.process.exitValue());
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
