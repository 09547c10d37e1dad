package io.perpnet.p2p.pubsub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.host.PeerListener;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Over real connections: a peer that publishes invalid messages is cut off; honest peers go on. */
class GossipScoringTest {
  private static final String TOPIC = "perp/scoring";

  private static LibP2pNetwork node(final List<Multiaddr> dial) throws Exception {
    final P2pNetwork.Config d = P2pNetwork.Config.defaults(Ed25519KeyPair.generate(),
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), dial, SignaturePolicy.STRICT_NO_SIGN);
    return P2pNetwork.start(new P2pNetwork.Config(d.identity(), d.listen(), List.of(), d.policy(), d.host(),
        d.gossip(), ScoreParams.defaults().withIpWhitelist(Set.of("127.0.0.1")), 0));
  }

  /** Completes on the heartbeat that grafts the last of {@code peers}. */
  private static void meshed(final LibP2pNetwork n, final PeerId... peers) throws Exception {
    n.gossip().awaitMesh(TOPIC, Set.of(peers)).get(20, TimeUnit.SECONDS);
  }

  @Test
  void invalidPublisherIsDisconnectedWhileHonestMessagesKeepArriving() throws Exception {
    try (LibP2pNetwork victim = node(List.of()); LibP2pNetwork bad = node(List.of()); LibP2pNetwork honest = node(List.of())) {
      final List<String> received = new CopyOnWriteArrayList<>();
      final CompletableFuture<Void> good = new CompletableFuture<>();
      victim.subscribe(TOPIC, m -> new String(m.data(), StandardCharsets.UTF_8).startsWith("bad")
          ? ValidationResult.REJECT : ValidationResult.ACCEPT, m -> {
            received.add(new String(m.data(), StandardCharsets.UTF_8));
            if (received.contains("good")) {
              good.complete(null);
            }
          });
      bad.subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> {});
      honest.subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> {});
      final CompletableFuture<PeerId> dropped = new CompletableFuture<>();
      victim.addPeerListener(new P2pNetwork.PeerEvents() {
        @Override
        public void disconnected(final PeerId peer) {
          dropped.complete(peer);
        }
      });
      bad.host().dial(victim.listenAddresses().getFirst()).get(5, TimeUnit.SECONDS);
      honest.host().dial(victim.listenAddresses().getFirst()).get(5, TimeUnit.SECONDS);
      meshed(victim, bad.peerId(), honest.peerId());
      meshed(bad, victim.peerId());
      for (int i = 0; i < 5; i++) {
        bad.publish(TOPIC, ("bad " + i).getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
      }
      // the next heartbeat finds the publisher below the graylist threshold and closes its connection
      assertTrue(dropped.get(10, TimeUnit.SECONDS).equals(bad.peerId()));
      assertTrue(victim.gossip().score(bad.peerId()).get() < ScoreParams.defaults().thresholds().graylist());
      honest.publish(TOPIC, "good".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
      good.get(10, TimeUnit.SECONDS);
      assertFalse(received.stream().anyMatch(s -> s.startsWith("bad")));
      assertTrue(victim.host().connection(bad.peerId()).isEmpty());
      // and it cannot come straight back: refused at the handshake while its ban lasts
      assertTrue(victim.host().gater().refuses(bad.peerId()));
      final CompletableFuture<Void> refused = new CompletableFuture<>();
      bad.addPeerListener(new P2pNetwork.PeerEvents() {
        @Override
        public void disconnected(final PeerId peer) {
          refused.complete(null);
        }
      });
      bad.host().dial(victim.listenAddresses().getFirst()).whenComplete((c, e) -> {
        if (e != null) {
          refused.complete(null);
        }
      });
      refused.get(10, TimeUnit.SECONDS);
      assertTrue(victim.host().connection(bad.peerId()).isEmpty());
    }
  }

  @Test
  void gossipMovesToTheRemainingConnectionWhenOneOfTwoCloses() throws Exception {
    try (LibP2pNetwork a = node(List.of()); LibP2pNetwork b = node(List.of())) {
      final List<String> received = new CopyOnWriteArrayList<>();
      a.subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> {});
      b.subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> received.add(new String(m.data(), StandardCharsets.UTF_8)));
      final io.perpnet.p2p.host.Connection first =
          a.host().dial(b.listenAddresses().getFirst()).get(5, TimeUnit.SECONDS);
      meshed(a, b.peerId());
      meshed(b, a.peerId());
      b.host().dial(a.listenAddresses().getFirst()).get(5, TimeUnit.SECONDS);
      first.close(); // it carried both gossip streams; the peers stay connected through the second
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int n = 0;
      while (received.isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "no message crossed the remaining connection");
        // publish until the reopened stream carries one: each try is a round trip through the router
        a.publish(TOPIC, ("after close " + n++).getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        b.gossip().stats().get();
      }
      assertTrue(a.host().connection(b.peerId()).isPresent());
    }
  }
}
