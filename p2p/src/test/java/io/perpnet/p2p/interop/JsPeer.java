package io.perpnet.p2p.interop;

import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.consensus.testing.ChildProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** js-libp2p 3.x in a child process ({@code p2p/interop/jspeer.mjs}), driven over stdin and stdout. */
final class JsPeer implements TestPeer {
  private static final Path SCRIPT = Path.of("interop", "jspeer.mjs");

  private final ChildProcess child;
  private final Multiaddr address;
  private final String topic;

  JsPeer(final byte seedByte, final String topic, final boolean nosign, final Multiaddr... dial) {
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
    child = ChildProcess.start("js peer " + seedByte, cmd);
    address = Multiaddr.parse(await(0, l -> l.startsWith("LISTEN ")).substring("LISTEN ".length()));
  }

  /** The first line at index {@code from} or later that matches {@code p}. */
  String await(final int from, final Predicate<String> p) {
    return child.awaitLine(from, p, TIMEOUT);
  }

  /** Sends {@code line} and returns the first line printed after it that matches {@code answer}. */
  String ask(final String line, final Predicate<String> answer) {
    final int from = child.mark();
    child.send(line);
    return await(from, answer);
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
  public void publish(final String text) {
    child.send(text);
  }

  @Override
  public String awaitMessage(final String text) {
    final String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    final String line = await(0, l -> l.startsWith("MSG " + topic + " ") && l.endsWith(" " + hex));
    return line.split(" ")[2];
  }

  /** js answers {@code !mesh <ids>} once its mesh holds them all (it checks at every heartbeat). */
  @Override
  public void awaitMesh(final Set<String> peers) {
    ask("!mesh " + String.join(" ", peers), l -> l.startsWith("MESH "));
  }

  @Override
  public void close() {
    child.stop(Duration.ofSeconds(5));
  }
}
