package io.perpnet.p2p.interop;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.pubsub.PubsubMessage;
import io.perpnet.p2p.pubsub.ScoreParams;
import io.perpnet.p2p.pubsub.SignaturePolicy;
import io.perpnet.p2p.pubsub.TopicValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Our implementation, in process. */
final class JavaPeer implements TestPeer {
  final LibP2pNetwork network;
  private final String topic;
  private final List<PubsubMessage> received = new ArrayList<>();

  JavaPeer(final byte seedByte, final String topic, final boolean nosign, final Multiaddr... dial) throws Exception {
    this.topic = topic;
    final byte[] seed = new byte[32];
    Arrays.fill(seed, seedByte);
    final P2pNetwork.Config defaults = P2pNetwork.Config.defaults(Ed25519KeyPair.fromSeed(seed),
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), List.of(dial),
        nosign ? SignaturePolicy.STRICT_NO_SIGN : SignaturePolicy.STRICT_SIGN);
    network = P2pNetwork.start(new P2pNetwork.Config(defaults.identity(), defaults.listen(), defaults.bootstrap(),
        defaults.policy(), defaults.host(), defaults.gossip(),
        ScoreParams.defaults().withIpWhitelist(Set.of("127.0.0.1")), 0));
    network.subscribe(topic, TopicValidator.ACCEPT_ALL, m -> {
      synchronized (received) {
        received.add(m);
        received.notifyAll();
      }
    });
  }

  @Override
  public String peerId() {
    return network.peerId().toBase58();
  }

  @Override
  public Multiaddr address() {
    return network.listenAddresses().getFirst();
  }

  @Override
  public void publish(final String text) throws Exception {
    network.publish(topic, text.getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
  }

  @Override
  public String awaitMessage(final String text) throws Exception {
    final byte[] want = text.getBytes(StandardCharsets.UTF_8);
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (received) {
      while (true) {
        for (final PubsubMessage m : received) {
          if (Arrays.equals(m.data(), want)) {
            return m.author().map(PeerId::toBase58).orElse("-");
          }
        }
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(peerId() + " never received '" + text + "'");
        }
        TimeUnit.NANOSECONDS.timedWait(received, left);
      }
    }
  }

  @Override
  public void awaitMesh(final Set<String> peers) throws Exception {
    final Set<PeerId> want = peers.stream().map(PeerId::parse).collect(Collectors.toSet());
    try {
      network.gossip().awaitMesh(topic, want).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      final Set<PeerId> mesh = network.gossip().meshPeers(topic).get(5, TimeUnit.SECONDS);
      throw new TimeoutException("java mesh " + mesh + " lacks some of " + peers);
    }
  }

  @Override
  public void close() {
    network.close();
  }
}
