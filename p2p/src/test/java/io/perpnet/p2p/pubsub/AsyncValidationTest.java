package io.perpnet.p2p.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Verdicts that complete later and out of order: the router applies them in each peer's arrival
 * order, on its own thread (tasks the test runs), and bounds how many may wait.
 */
class AsyncValidationTest {
  private static final String TOPIC = "t";
  private final ArrayDeque<Runnable> routerTasks = new ArrayDeque<>();
  private final Map<String, CompletableFuture<ValidationResult>> verdicts = new HashMap<>();
  private final List<String> delivered = new ArrayList<>();
  private final List<RPC> forwarded = new ArrayList<>();

  private GossipRouter router(final GossipParams params) {
    final GossipRouter r = new GossipRouter(Ed25519KeyPair.generate(), params,
        ScoreParams.defaults().withIpWhitelist(Set.of("127.0.0.1")), SignaturePolicy.STRICT_NO_SIGN,
        new GossipRouter.Sender() {
          @Override
          public void send(final PeerId peer, final RPC rpc) {
            if (rpc.getPublishCount() > 0) {
              forwarded.add(rpc);
            }
          }

          @Override
          public void runOnRouter(final Runnable task) {
            routerTasks.add(task);
          }
        }, () -> 1_000_000L, new Random(3), p -> 0);
    r.subscribeAsync(TOPIC, m -> verdicts.computeIfAbsent(text(m), t -> new CompletableFuture<>()),
        m -> delivered.add(text(m)));
    return r;
  }

  private static String text(final PubsubMessage m) {
    return new String(m.data(), StandardCharsets.UTF_8);
  }

  private PeerId joined(final GossipRouter r) {
    final PeerId p = PeerId.of(Ed25519KeyPair.generate().publicKey());
    r.addPeer(p, GossipRouter.MESHSUB_1_1, true, "127.0.0.1");
    r.handleRpc(p, RPC.newBuilder().addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(TOPIC)).build());
    return p;
  }

  private static RPC publish(final String text) {
    return RPC.newBuilder().addPublish(Message.newBuilder().setTopic(TOPIC).setData(ByteString.copyFromUtf8(text))).build();
  }

  private void runRouterTasks() {
    for (Runnable t; (t = routerTasks.poll()) != null; ) {
      t.run();
    }
  }

  @Test
  void verdictsCompletingOutOfOrderAreAppliedInEachPeersOrder() {
    final GossipRouter r = router(GossipParams.defaults());
    final PeerId a = joined(r);
    final PeerId b = joined(r);
    r.heartbeat();
    for (final String m : List.of("a1", "a2", "a3")) {
      r.handleRpc(a, publish(m));
    }
    r.handleRpc(b, publish("b1"));
    assertEquals(4, r.validating());
    verdicts.get("a3").complete(ValidationResult.ACCEPT);
    verdicts.get("b1").complete(ValidationResult.ACCEPT);
    verdicts.get("a2").complete(ValidationResult.REJECT);
    runRouterTasks();
    assertEquals(List.of("b1"), delivered, "b is not held up by a; a3 waits behind a1");
    verdicts.get("a1").complete(ValidationResult.ACCEPT);
    runRouterTasks();
    assertEquals(List.of("b1", "a1", "a3"), delivered, "a's accepted messages in a's order, a2 rejected");
    assertEquals(0, r.validating());
    assertEquals(1, r.stats().rejected);
    assertTrue(r.score(a) < 0, "the rejected message counts against its sender");
  }

  @Test
  void aCopyArrivingWhileTheFirstValidatesIsNotValidatedAgainAndSharesTheVerdict() {
    final GossipRouter r = router(GossipParams.defaults());
    final PeerId a = joined(r);
    final PeerId b = joined(r);
    r.heartbeat();
    r.handleRpc(a, publish("bad"));
    r.handleRpc(b, publish("bad"));
    assertEquals(1, r.validating(), "the copy from b is a duplicate, not a second validation");
    verdicts.get("bad").complete(ValidationResult.REJECT);
    runRouterTasks();
    assertTrue(r.score(a) < 0);
    assertTrue(r.score(b) < 0, "b forwarded an invalid message too");
    assertTrue(forwarded.isEmpty());
  }

  @Test
  void aPeerWithTooManyMessagesWaitingIsThrottledBeforeAnyWork() {
    final GossipRouter r = router(GossipParams.builder().maxValidatingPerPeer(2).maxValidating(3).build());
    final PeerId a = joined(r);
    final PeerId b = joined(r);
    for (final String m : List.of("a1", "a2", "a3")) {
      r.handleRpc(a, publish(m));
    }
    assertEquals(2, r.validating());
    assertEquals(1, r.stats().throttled);
    assertTrue(!verdicts.containsKey("a3"), "the throttled message never reached the validator");
    r.handleRpc(b, publish("b1"));
    r.handleRpc(b, publish("b2"));
    assertEquals(3, r.validating(), "the total cap holds across peers");
    assertEquals(2, r.stats().throttled);
    verdicts.values().forEach(f -> f.complete(ValidationResult.ACCEPT));
    runRouterTasks();
    r.handleRpc(a, publish("a3"));
    verdicts.get("a3").complete(ValidationResult.ACCEPT);
    runRouterTasks();
    assertEquals(List.of("a1", "a2", "a3"), delivered.stream().filter(t -> t.startsWith("a")).toList());
    assertEquals(4, delivered.size());
    assertEquals("a3", delivered.getLast(), "a throttled message may come again later");
  }
}
