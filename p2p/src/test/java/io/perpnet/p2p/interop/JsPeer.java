package io.perpnet.p2p.interop;

import io.perpnet.p2p.multiaddr.Multiaddr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** js-libp2p 3.x in a child process ({@code p2p/interop/jspeer.mjs}), driven over stdin and stdout. */
final class JsPeer implements TestPeer {
  private static final Path SCRIPT = Path.of("interop", "jspeer.mjs");

  private final Process process;
  private final Writer stdin;
  private final List<String> lines = new ArrayList<>();
  private final Multiaddr address;
  private final String topic;

  JsPeer(final byte seedByte, final String topic, final boolean nosign, final Multiaddr... dial) throws Exception {
    this.topic = topic;
    final byte[] seed = new byte[32];
    Arrays.fill(seed, seedByte);
    final List<String> cmd = new ArrayList<>(List.of("node", SCRIPT.toString(),
        "--seed", HexFormat.of().formatHex(seed), "--listen", "/ip4/127.0.0.1/tcp/0", "--topic", topic));
    if (nosign) {
      cmd.add("--nosign");
    }
    for (final Multiaddr d : dial) {
      cmd.add("--dial");
      cmd.add(d.toString());
    }
    process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    final Thread reader = new Thread(this::read, "jspeer-stdout");
    reader.setDaemon(true);
    reader.start();
    address = Multiaddr.parse(await(l -> l.startsWith("LISTEN ")).substring("LISTEN ".length()));
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Waits for a line matching {@code p} (any line since start counts) and returns it. */
  String await(final Predicate<String> p) throws InterruptedException, TimeoutException {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (lines) {
      while (true) {
        for (final String l : lines) {
          if (p.test(l)) {
            return l;
          }
        }
        final long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive()) {
          throw new TimeoutException("js peer never printed the expected line; it printed " + lines);
        }
        TimeUnit.NANOSECONDS.timedWait(lines, left);
      }
    }
  }

  /** Waits for a line matching {@code p} among those printed after {@code from} lines. */
  String awaitAfter(final int from, final Predicate<String> p) throws InterruptedException, TimeoutException {
    final int[] index = {0};
    return await(l -> index[0]++ >= from && p.test(l));
  }

  int lineCount() {
    synchronized (lines) {
      return lines.size();
    }
  }

  void command(final String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
  }

  @Override
  public String peerId() {
    return address.peerId().orElseThrow().toBase58();
  }

  @Override
  public Multiaddr address() {
    return address;
  }

  @Override
  public void publish(final String text) throws IOException {
    command(text);
  }

  @Override
  public String awaitMessage(final String text) throws Exception {
    final String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    final String line = await(l -> l.startsWith("MSG " + topic + " ") && l.endsWith(" " + hex));
    return line.split(" ")[2];
  }

  @Override
  public void awaitMesh(final Set<String> peers) throws Exception {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      final int from = lineCount();
      command("!mesh");
      final String mesh = awaitAfter(from, l -> l.startsWith("MESH "));
      if (Set.of(mesh.split(" ")).containsAll(peers)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("js mesh " + mesh + " lacks some of " + peers);
      }
      // the mesh forms at heartbeats (1 s); ask again shortly
      synchronized (lines) {
        lines.wait(100);
      }
    }
  }

  @Override
  public void close() {
    try {
      stdin.close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
