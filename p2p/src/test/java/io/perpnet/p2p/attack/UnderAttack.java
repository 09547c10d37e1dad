package io.perpnet.p2p.attack;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.host.HostConfig;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.multiaddr.Protocol;
import io.perpnet.p2p.pubsub.TopicValidator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The scene of every attack: a node on 127.0.0.1 and two honest peers connected only to it, all
 * subscribed to one topic, so what the honest peers publish crosses the node. The attacker
 * connects from 127.0.0.2 (or the honest peers' own address, for sybils).
 */
final class UnderAttack implements AutoCloseable {
  static final String TOPIC = "perp/attack";
  static final String ATTACKER_IP = "127.0.0.2";
  final LibP2pNetwork node;
  final LibP2pNetwork a;
  final LibP2pNetwork b;
  final Traffic.Receiver atA = new Traffic.Receiver("b");
  final Traffic.Receiver atB = new Traffic.Receiver("a");
  /** How often the node's validator saw each message text (it runs on the validation threads). */
  final java.util.Map<String, Integer> validatedByNode = new java.util.concurrent.ConcurrentHashMap<>();

  UnderAttack() throws Exception {
    this(HostConfig.defaults());
  }

  UnderAttack(final HostConfig nodeHost) throws Exception {
    node = network(nodeHost);
    a = network(HostConfig.defaults());
    b = network(HostConfig.defaults());
    node.subscribe(TOPIC, m -> {
      // keyed by the text's head: the soak sends millions of messages of up to 16 KiB
      validatedByNode.merge(new String(m.data(), 0, Math.min(32, m.data().length), StandardCharsets.UTF_8).trim(),
          1, Integer::sum);
      return io.perpnet.p2p.pubsub.ValidationResult.ACCEPT;
    }, m -> {});
    a.subscribe(TOPIC, TopicValidator.ACCEPT_ALL, atA::receive);
    b.subscribe(TOPIC, TopicValidator.ACCEPT_ALL, atB::receive);
    for (final LibP2pNetwork honest : List.of(a, b)) {
      honest.host().dial(node.listenAddresses().getFirst()).get(5, TimeUnit.SECONDS);
      honest.gossip().awaitMesh(TOPIC, Set.of(node.peerId())).get(20, TimeUnit.SECONDS);
    }
    node.gossip().awaitMesh(TOPIC, Set.of(a.peerId(), b.peerId())).get(20, TimeUnit.SECONDS);
  }

  static LibP2pNetwork network(final HostConfig host) throws Exception {
    return P2pNetwork.start(P2pNetwork.Config.builder(Ed25519KeyPair.generate())
        .listen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))).host(host).targetPeers(0).build());
  }

  InetSocketAddress nodeAddress() {
    final Multiaddr m = node.listenAddresses().getFirst();
    return new InetSocketAddress(m.valueOf(Protocol.IP4).orElseThrow(),
        Integer.parseInt(m.valueOf(Protocol.TCP).orElseThrow()));
  }

  /** a and b each publish {@code perPeer} messages of {@code size} bytes, one every {@code every}. */
  Traffic traffic(final int perPeer, final int size, final Duration every) {
    return new Traffic(List.of(new Traffic.Publisher(a, "a"), new Traffic.Publisher(b, "b")), TOPIC, perPeer, size,
        every, List.of(atA, atB));
  }

  /** Runs attack steps on a thread of its own until closed or the attack gives up; paces the attacker. */
  static final class Running implements AutoCloseable {
    private volatile boolean stop;
    private volatile Throwable failure;
    private final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();

    Running(final Attack attack) {
      Thread.ofPlatform().daemon().name("attacker").start(() -> {
        try {
          while (!stop && attack.step()) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
          }
        } catch (Throwable e) {
          failure = e;
        } finally {
          ended.complete(null);
        }
      });
    }

    /** Completes when the attacker gave up (the node cut it off) or was stopped. */
    java.util.concurrent.CompletableFuture<Void> ended() {
      return ended;
    }

    @Override
    public void close() throws Exception {
      stop = true;
      ended.get(10, TimeUnit.SECONDS);
      if (failure != null) {
        throw new AssertionError("the attacker itself failed", failure);
      }
    }
  }

  /** While an attack runs: a peer that never met the node connects and pings it. */
  void newHonestPeerConnects() throws Exception {
    try (LibP2pNetwork c = network(HostConfig.defaults())) {
      c.host().dial(node.listenAddresses().getFirst()).get(5, TimeUnit.SECONDS);
      c.ping(node.peerId()).get(5, TimeUnit.SECONDS);
    }
  }

  /** Whether the node still holds a connection to {@code peer}. */
  boolean connected(final PeerId peer) {
    return node.host().connection(peer).isPresent();
  }

  /** One step of an attack; false when the attacker has nothing left to do (cut off, say). */
  @FunctionalInterface
  interface Attack {
    boolean step() throws Exception;
  }

  static byte[] utf8(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    a.close();
    b.close();
    node.close();
  }
}
