package io.perpnet.node.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.p2p.testing.InMemoryNetwork;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two nodes' gossip over the in-memory network: what one publishes reaches the other only if valid. */
class GossipServiceTest {
  @Test
  void aValidIntentAndQuoteArriveAndForgeriesDoNot() throws Exception {
    try (InMemoryNetwork.Hub hub = new InMemoryNetwork.Hub()) {
      final InMemoryNetwork a = hub.join(Ed25519KeyPair.generate());
      final InMemoryNetwork b = hub.join(Ed25519KeyPair.generate());
      final List<GossipService.Received> got = new CopyOnWriteArrayList<>();
      final CompletableFuture<Void> two = new CompletableFuture<>();
      final GossipService atA = service(a, r -> {});
      final GossipService atB = service(b, r -> {
        got.add(r);
        if (got.size() == 2) {
          two.complete(null);
        }
      });
      atA.start();
      atB.start();
      final Signed<io.perpnet.consensus.message.Intent> intent = Fixtures.intent();
      // a forgery first: same market and kind, a broken signature
      final byte[] forged = Fixtures.quote(intent).toWire();
      forged[forged.length - 1] ^= 1;
      a.publish(Topics.topic(Fixtures.PROGRAM, Fixtures.BTC.id(), MessageType.QUOTE),
          new Envelope(forged, List.of()).encode()).get(5, TimeUnit.SECONDS);
      atA.publish(intent).get(5, TimeUnit.SECONDS);
      atA.publish(Fixtures.quote(intent)).get(5, TimeUnit.SECONDS);
      two.get(5, TimeUnit.SECONDS);
      assertEquals(List.of(MessageType.INTENT, MessageType.QUOTE), got.stream().map(r -> r.message().payload().type()).toList());
      assertEquals(intent.hash(), got.getFirst().message().hash());
      assertEquals(Map.of("BAD_SIGNATURE", 1L), atB.counters().refused());
      atA.stop();
      atB.stop();
    }
  }

  private static GossipService service(final InMemoryNetwork n, final java.util.function.Consumer<GossipService.Received> sink) {
    return new GossipService(() -> n, Fixtures.PROGRAM, Map.of(Fixtures.BTC.id(), Fixtures.BTC),
        new MessageValidator(Fixtures.context()), () -> Fixtures.NOW, sink);
  }
}
