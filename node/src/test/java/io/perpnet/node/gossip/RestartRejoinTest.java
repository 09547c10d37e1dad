package io.perpnet.node.gossip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.pubsub.SignaturePolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node of three markets (nine topics) that stops and starts again at once (a crash, an upgrade) is taken back into its peers'
 * meshes: stopping leaves no PRUNE backoff behind, so its GRAFTs are not penalised, it is not
 * graylisted, and it is not refused for five minutes (a devnet trader restarted mid-test was).
 */
class RestartRejoinTest {
  private static final String TOPIC = Topics.topic(Fixtures.PROGRAM, Fixtures.BTC.id(), MessageType.INTENT);

  private static LibP2pNetwork network(final Ed25519KeyPair key, final List<Multiaddr> bootstrap) throws Exception {
    return (LibP2pNetwork) P2pNetwork.start(P2pNetwork.Config.builder(key)
        .listen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))).bootstrap(bootstrap)
        .policy(SignaturePolicy.STRICT_NO_SIGN).build());
  }

  private static GossipService gossip(final LibP2pNetwork n) throws Exception {
    final GossipService g = new GossipService(() -> n, Fixtures.PROGRAM, Map.of(1, MarketParams.BTC_PERP, 2,
        MarketParams.ETH_PERP, 3, MarketParams.SOL_PERP),
        new MessageValidator(Fixtures.context()), () -> Fixtures.NOW, r -> {});
    g.start();
    return g;
  }

  @Test
  void aRestartedNodeIsGraftedAgainAndKeepsItsScore() throws Exception {
    final Ed25519KeyPair key = Ed25519KeyPair.generate();
    try (LibP2pNetwork b = network(Ed25519KeyPair.generate(), List.of())) {
      final GossipService atB = gossip(b);
      final List<Multiaddr> toB = List.of(b.listenAddresses().getFirst());
      final LibP2pNetwork a = network(key, toB);
      final GossipService atA = gossip(a);
      b.gossip().awaitMesh(TOPIC, Set.of(a.peerId())).get(20, TimeUnit.SECONDS);
      atA.stop(); // as the node's shutdown does: the gossip service, then the network
      a.close();
      try (LibP2pNetwork again = network(key, toB)) {
        final GossipService atAgain = gossip(again);
        b.gossip().awaitMesh(TOPIC, Set.of(again.peerId())).get(20, TimeUnit.SECONDS);
        again.gossip().awaitMesh(TOPIC, Set.of(b.peerId())).get(20, TimeUnit.SECONDS);
        final double score = b.score(again.peerId()).get(5, TimeUnit.SECONDS);
        assertTrue(score >= 0, "not penalised for grafting: " + score);
        assertTrue(b.connectedPeers().contains(again.peerId()), "still connected");
        atAgain.stop();
      }
      atB.stop();
    }
  }
}
