package io.perpnet.p2p.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.GossipParams;
import io.perpnet.p2p.pubsub.GossipRouter;
import io.perpnet.p2p.pubsub.ScoreParams;
import io.perpnet.p2p.pubsub.SignaturePolicy;
import io.perpnet.p2p.pubsub.TopicValidator;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlGraft;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlIHave;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlIWant;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlMessage;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlPrune;
import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A router (StrictNoSign, fake clock, recording sender) with three peers: an honest source that
 * publishes, an honest asker that sends IWANTs, and a noisy peer (replaced by a fresh sybil on
 * the same IP whenever the router disconnects it). Records what is delivered and sent.
 */
final class RouterUnderFuzz {
  static final String TOPIC = "t";
  private static final int MCACHE_SAFE_TICKS = 2;
  private static final int MAX_TRANSMISSIONS = 3;

  final GossipRouter router;
  final List<String> honest = new ArrayList<>();
  final List<String> delivered = new ArrayList<>();
  private final PeerId source = newPeer();
  private final PeerId asker = newPeer();
  PeerId noisy = newPeer();
  private final List<RPC> toAsker = new ArrayList<>();
  private final Set<PeerId> disconnected = new HashSet<>();
  private final Map<String, Integer> publishedAtTick = new HashMap<>();
  private final Map<String, Integer> asked = new HashMap<>();
  private final List<String> unknownTopics = new ArrayList<>();
  /** Across every router of a run: IWANTs answered and noise messages delivered, to show the paths were reached. */
  static final java.util.concurrent.atomic.AtomicLong IWANTS_ANSWERED = new java.util.concurrent.atomic.AtomicLong();
  static final java.util.concurrent.atomic.AtomicLong IWANTS_REFUSED = new java.util.concurrent.atomic.AtomicLong();
  private int tick;
  private long now = 1_000_000;

  RouterUnderFuzz(final long seed) {
    router = new GossipRouter(Ed25519KeyPair.generate(), GossipParams.defaults(), ScoreParams.defaults(),
        SignaturePolicy.STRICT_NO_SIGN, new GossipRouter.Sender() {
          @Override
          public void send(final PeerId peer, final RPC rpc) {
            if (peer.equals(asker)) {
              toAsker.add(rpc);
            }
          }

          @Override
          public void disconnect(final PeerId peer) {
            disconnected.add(peer);
          }
        }, () -> now, new Random(seed), p -> 0);
    router.subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> delivered.add(new String(m.data(), StandardCharsets.UTF_8)));
    join(source, "10.0.0.1");
    join(asker, "10.0.0.2");
    join(noisy, "10.0.0.9");
    router.heartbeat();
  }

  private static PeerId newPeer() {
    return PeerId.of(Ed25519KeyPair.generate().publicKey());
  }

  private void join(final PeerId peer, final String ip) {
    router.addPeer(peer, GossipRouter.MESHSUB_1_1, false, ip);
    router.handleRpc(peer, RPC.newBuilder().addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(true)
        .setTopicid(TOPIC)).build());
  }

  static Message message(final String topic, final String text) {
    return Message.newBuilder().setTopic(topic).setData(ByteString.copyFromUtf8(text)).build();
  }

  private ByteString idOf(final String text) {
    return router.policy().messageId(message(TOPIC, text)).bytes();
  }

  void honestPublishes(final String text) {
    honest.add(text);
    publishedAtTick.put(text, tick);
    router.handleRpc(source, RPC.newBuilder().addPublish(message(TOPIC, text)).build());
  }

  /** The asker wants a message still in the cache: answered unless it already had it three times. */
  void asksForARecentMessage(final Random random) {
    final List<String> recent = honest.stream().filter(t -> tick - publishedAtTick.get(t) <= MCACHE_SAFE_TICKS).toList();
    if (recent.isEmpty()) {
      return;
    }
    final String text = recent.get(random.nextInt(recent.size()));
    final int times = asked.merge(text, 1, Integer::sum);
    toAsker.clear();
    router.handleRpc(asker, RPC.newBuilder().setControl(ControlMessage.newBuilder()
        .addIwant(ControlIWant.newBuilder().addMessageIDs(idOf(text)))).build());
    final boolean answered = toAsker.stream().flatMap(r -> r.getPublishList().stream())
        .anyMatch(m -> m.getData().toStringUtf8().equals(text));
    assertEquals(times <= MAX_TRANSMISSIONS, answered, "IWANT number " + times + " for a cached message");
    (answered ? IWANTS_ANSWERED : IWANTS_REFUSED).incrementAndGet();
  }

  void replayHonest(final Random random) {
    if (!honest.isEmpty()) {
      noise(RPC.newBuilder().addPublish(message(TOPIC, honest.get(random.nextInt(honest.size())))).build());
    }
  }

  String someTopic(final Random random) {
    final String topic = "u" + random.nextInt(1_000_000);
    unknownTopics.add(topic);
    return topic;
  }

  /** A message StrictNoSign forbids (author fields), or one without a topic. */
  RPC invalidMessage(final Random random) {
    final Message.Builder m = message(TOPIC, "invalid " + random.nextInt()).toBuilder();
    switch (random.nextInt(3)) {
      case 0 -> m.setFrom(ByteString.copyFrom(noisy.multihash()));
      case 1 -> m.setSeqno(ByteString.copyFrom(new byte[8])).setSignature(ByteString.copyFrom(new byte[64]));
      default -> m.clearTopic();
    }
    return RPC.newBuilder().addPublish(m).build();
  }

  RPC control(final Random random) {
    final ControlMessage.Builder c = ControlMessage.newBuilder();
    final String topic = random.nextBoolean() ? TOPIC : someTopic(random);
    final ControlIHave.Builder ihave = ControlIHave.newBuilder().setTopicID(topic);
    final ControlIWant.Builder iwant = ControlIWant.newBuilder();
    for (int i = random.nextInt(50); i > 0; i--) {
      final ByteString id = !honest.isEmpty() && random.nextBoolean()
          ? idOf(honest.get(random.nextInt(honest.size()))) : ByteString.copyFrom(randomBytes(random, 32));
      ihave.addMessageIDs(id);
      iwant.addMessageIDs(id);
    }
    switch (random.nextInt(4)) {
      case 0 -> c.addIhave(ihave);
      case 1 -> c.addIwant(iwant);
      case 2 -> c.addGraft(ControlGraft.newBuilder().setTopicID(topic));
      default -> c.addPrune(ControlPrune.newBuilder().setTopicID(topic).setBackoff(random.nextLong(10_000_000)));
    }
    return RPC.newBuilder().setControl(c).build();
  }

  RPC subscriptions(final Random random) {
    final RPC.Builder rpc = RPC.newBuilder();
    for (int i = 1 + random.nextInt(20); i > 0; i--) {
      rpc.addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(random.nextBoolean()).setTopicid(
          random.nextInt(4) == 0 ? TOPIC : someTopic(random)));
    }
    return rpc.build();
  }

  private static byte[] randomBytes(final Random random, final int n) {
    final byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  void noise(final RPC rpc) {
    router.handleRpc(noisy, rpc);
  }

  /** One heartbeat later; a disconnected noisy peer comes back as a fresh sybil on the same IP. */
  void tick() {
    now += 1_000;
    tick++;
    router.heartbeat();
    assertFalse(disconnected.contains(source) || disconnected.contains(asker), "an honest peer was disconnected");
    if (disconnected.remove(noisy)) {
      router.removePeer(noisy);
      noisy = newPeer();
      join(noisy, "10.0.0.9");
    }
  }

  void assertInvariants() {
    assertEquals(delivered.size(), new HashSet<>(delivered).size(), "a message was delivered twice: " + delivered);
    assertTrue(delivered.stream().noneMatch(d -> d.startsWith("invalid ")), "an invalid message was delivered");
    final Set<PeerId> mesh = router.meshPeers(TOPIC);
    assertTrue(mesh.size() <= GossipParams.defaults().dHi(), "mesh above D_hi: " + mesh);
    for (final PeerId p : mesh) {
      assertTrue(router.hasPeer(p), "a mesh member that is not a peer");
    }
    for (final String topic : unknownTopics.subList(Math.max(0, unknownTopics.size() - 20), unknownTopics.size())) {
      assertTrue(router.meshPeers(topic).isEmpty() && !router.isSubscribed(topic), "state for unjoined " + topic);
    }
    assertEquals(delivered.size(), router.stats().delivered, "delivered count");
  }
}
