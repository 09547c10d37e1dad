package io.perpnet.node.cli;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.host.Connection;
import io.perpnet.p2p.host.PeerListener;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.pubsub.SignaturePolicy;
import io.perpnet.p2p.pubsub.TopicValidator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perp p2p}: joins the gossip network on one topic, for checking connectivity by hand or
 * from tests. Standard output carries only {@code LISTEN <multiaddr>/p2p/<id>} and
 * {@code MSG <topic> <from peer id or -> <hex data>}; progress goes to standard error. Each line of
 * standard input is published; end of input stops the node.
 */
@Command(name = "p2p", mixinStandardHelpOptions = true,
    description = "Join the libp2p gossip network on one topic: print what arrives, publish what you type.")
final class P2pCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Key file (from `perp keys new`).")
  Path key;

  @Option(names = "--listen", required = true, paramLabel = "MULTIADDR",
      description = "TCP address to listen on, e.g. /ip4/127.0.0.1/tcp/4001 (port 0 picks one).")
  String listen;

  @Option(names = "--dial", paramLabel = "MULTIADDR",
      description = "Peer to connect to (repeatable), e.g. /ip4/127.0.0.1/tcp/4002/p2p/12D3KooW...")
  List<String> dial = new ArrayList<>();

  @Option(names = "--topic", required = true, paramLabel = "T", description = "Gossip topic.")
  String topic;

  @Option(names = "--nosign", description = "StrictNoSign (unsigned gossip messages) instead of StrictSign.")
  boolean nosign;

  @Override
  public void run() {
    final Ed25519KeyPair identity = readKey();
    final List<Multiaddr> listenAddrs = List.of(parse(listen, "--listen"));
    final List<Multiaddr> dials = new ArrayList<>();
    for (final String d : dial) {
      final Multiaddr a = parse(d, "--dial");
      if (a.peerId().isEmpty()) {
        throw new UserError("--dial " + d + " needs a /p2p/<peer id> suffix");
      }
      dials.add(a);
    }
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final SignaturePolicy policy = nosign ? SignaturePolicy.STRICT_NO_SIGN : SignaturePolicy.STRICT_SIGN;
    final LibP2pNetwork network;
    try {
      network = P2pNetwork.start(P2pNetwork.Config.defaults(identity, listenAddrs, dials, policy));
    } catch (Exception e) {
      throw new UserError("cannot listen on " + listen + ": " + rootMessage(e), e);
    }
    try (network) {
      network.host().addListener(new PeerListener() {
        @Override
        public void connected(final PeerId peer, final Connection connection) {
          err.println("connected " + peer + " " + connection.remoteAddress());
        }

        @Override
        public void disconnected(final PeerId peer) {
          err.println("disconnected " + peer);
        }
      });
      network.subscribe(topic, TopicValidator.ACCEPT_ALL, m -> {
        synchronized (out) {
          out.println("MSG " + m.topic() + " " + m.author().map(PeerId::toBase58).orElse("-") + " "
              + HexFormat.of().formatHex(m.data()));
        }
      });
      for (final Multiaddr a : network.listenAddresses()) {
        synchronized (out) {
          out.println("LISTEN " + a);
        }
      }
      publishStdin(network, err);
    }
  }

  private void publishStdin(final P2pNetwork network, final PrintWriter err) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        try {
          final int peers = network.publish(topic, line.getBytes(StandardCharsets.UTF_8))
              .get(10, TimeUnit.SECONDS).peers();
          err.println("published to " + peers + " peer" + (peers == 1 ? "" : "s"));
        } catch (Exception e) {
          err.println("publish failed: " + rootMessage(e));
        }
      }
    } catch (IOException e) {
      err.println("standard input: " + e.getMessage());
    }
  }

  private Ed25519KeyPair readKey() {
    try {
      return KeyFile.read(key);
    } catch (NoSuchFileException e) {
      throw new UserError("no such key file: " + key + " (create one with `perp keys new --out " + key + "`)");
    } catch (IOException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static Multiaddr parse(final String text, final String option) {
    try {
      return Multiaddr.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UserError(option + " " + text + ": " + e.getMessage());
    }
  }

  private static String rootMessage(final Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
