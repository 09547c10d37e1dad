package io.perpnet.p2p.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Over real connections: validators run off the event loop, concurrently, and keep each peer's order. */
class OffLoopValidationTest {
  private static final String TOPIC = "perp/validation";

  private static LibP2pNetwork node() throws Exception {
    return P2pNetwork.start(P2pNetwork.Config.builder(Ed25519KeyPair.generate())
        .listen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))).targetPeers(0)
        .score(ScoreParams.defaults().withIpWhitelist(Set.of("127.0.0.1"))).build());
  }

  private static void meshed(final LibP2pNetwork a, final LibP2pNetwork b) throws Exception {
    a.host().dial(b.listenAddresses().getFirst()).get(5, TimeUnit.SECONDS);
    a.gossip().awaitMesh(TOPIC, Set.of(b.peerId())).get(20, TimeUnit.SECONDS);
    b.gossip().awaitMesh(TOPIC, Set.of(a.peerId())).get(20, TimeUnit.SECONDS);
  }

  private static String text(final PubsubMessage m) {
    return new String(m.data(), StandardCharsets.UTF_8);
  }

  @Test
  void validatorsRunConcurrentlyOffTheEventLoop() throws Exception {
    try (LibP2pNetwork a = node(); LibP2pNetwork b = node()) {
      // each validation waits for a second one to be running: serial validation would time out
      final CyclicBarrier both = new CyclicBarrier(2);
      final List<String> threads = new CopyOnWriteArrayList<>();
      final List<String> delivered = new CopyOnWriteArrayList<>();
      final CompletableFuture<Void> two = new CompletableFuture<>();
      b.subscribe(TOPIC, m -> {
        threads.add(Thread.currentThread().getName());
        try {
          both.await(10, TimeUnit.SECONDS);
          return ValidationResult.ACCEPT;
        } catch (Exception e) {
          return ValidationResult.IGNORE;
        }
      }, m -> {
        delivered.add(text(m));
        if (delivered.size() == 2) {
          two.complete(null);
        }
      });
      a.subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> {});
      meshed(a, b);
      a.publish(TOPIC, "one".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
      a.publish(TOPIC, "two".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
      two.get(15, TimeUnit.SECONDS);
      assertEquals(List.of("one", "two"), delivered);
      assertTrue(threads.stream().allMatch(t -> t.startsWith("gossip-validate-")), threads.toString());
    }
  }

  @Test
  void aLaterMessageValidatedFirstWaitsForTheEarlierOne() throws Exception {
    try (LibP2pNetwork a = node(); LibP2pNetwork b = node()) {
      final CompletableFuture<ValidationResult> second = new CompletableFuture<>();
      final List<String> delivered = new CopyOnWriteArrayList<>();
      final CompletableFuture<Void> done = new CompletableFuture<>();
      b.subscribeAsync(TOPIC, m -> switch (text(m)) {
        // the first verdict comes only after the second one is known
        case "first" -> second.thenApplyAsync(v -> ValidationResult.ACCEPT);
        case "second" -> {
          second.complete(ValidationResult.ACCEPT);
          yield second;
        }
        default -> CompletableFuture.completedFuture(ValidationResult.ACCEPT);
      }, m -> {
        delivered.add(text(m));
        if (delivered.size() == 2) {
          done.complete(null);
        }
      });
      a.subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> {});
      meshed(a, b);
      a.publish(TOPIC, "first".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
      a.publish(TOPIC, "second".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
      done.get(15, TimeUnit.SECONDS);
      assertEquals(List.of("first", "second"), delivered);
      assertFalse(b.gossip().stats().get().rejected > 0);
      final PeerId sender = a.peerId();
      assertTrue(b.gossip().score(sender).get() >= 0);
    }
  }
}
