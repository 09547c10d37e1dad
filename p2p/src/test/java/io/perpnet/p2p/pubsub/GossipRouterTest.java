package io.perpnet.p2p.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlGraft;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlIHave;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlIWant;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlMessage;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlPrune;
import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The router as a state machine: a fake clock, a recording sender, peers that are just ids. */
class GossipRouterTest {
  private static final String TOPIC = "t";

  private final List<PeerId> disconnected = new ArrayList<>();
  private final List<Sent> sent = new ArrayList<>();
  private final List<PubsubMessage> delivered = new ArrayList<>();
  private long now = 1_000_000;

  private record Sent(PeerId to, RPC rpc) {}

  private GossipRouter router(final SignaturePolicy policy, final TopicValidator validator) {
    final GossipRouter r = new GossipRouter(Ed25519KeyPair.generate(), GossipParams.defaults(),
        ScoreParams.defaults().withIpWhitelist(Set.of("127.0.0.1")), policy,
        new GossipRouter.Sender() {
          @Override
          public void send(final PeerId peer, final RPC rpc) {
            sent.add(new Sent(peer, rpc));
          }

          @Override
          public void disconnect(final PeerId peer) {
            disconnected.add(peer);
          }
        }, () -> now, new Random(7), p -> 0);
    r.subscribe(TOPIC, validator, delivered::add);
    return r;
  }

  private static PeerId peer() {
    return PeerId.of(Ed25519KeyPair.generate().publicKey());
  }

  private static RPC subscribe() {
    return RPC.newBuilder().addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(TOPIC)).build();
  }

  private static RPC control(final ControlMessage.Builder c) {
    return RPC.newBuilder().setControl(c).build();
  }

  private static Message unsigned(final String text) {
    return Message.newBuilder().setTopic(TOPIC).setData(ByteString.copyFromUtf8(text)).build();
  }

  private PeerId joined(final GossipRouter r) {
    final PeerId p = peer();
    r.addPeer(p, GossipRouter.MESHSUB_1_1, true, "127.0.0.1");
    r.handleRpc(p, subscribe());
    return p;
  }

  private List<ControlPrune> prunesTo(final PeerId p) {
    return sent.stream().filter(s -> s.to().equals(p) && s.rpc().hasControl())
        .flatMap(s -> s.rpc().getControl().getPruneList().stream()).toList();
  }

  @Test
  void heartbeatGraftsUpToDAndForwardsToTheMeshOnly() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      peers.add(joined(r));
    }
    r.heartbeat();
    assertEquals(GossipParams.defaults().d(), r.meshPeers(TOPIC).size());
    sent.clear();
    final PeerId source = r.meshPeers(TOPIC).iterator().next();
    r.handleRpc(source, RPC.newBuilder().addPublish(unsigned("hi")).build());
    assertEquals(1, delivered.size());
    final Set<PeerId> forwardedTo = new HashSet<>();
    sent.stream().filter(s -> s.rpc().getPublishCount() == 1).forEach(s -> forwardedTo.add(s.to()));
    final Set<PeerId> expected = new HashSet<>(r.meshPeers(TOPIC));
    expected.remove(source);
    assertEquals(expected, forwardedTo);
    // the same message again is a duplicate: not delivered, not forwarded
    sent.clear();
    r.handleRpc(peers.get(9), RPC.newBuilder().addPublish(unsigned("hi")).build());
    assertEquals(1, delivered.size());
    assertTrue(sent.stream().noneMatch(s -> s.rpc().getPublishCount() > 0));
  }

  @Test
  void graftDuringBackoffIsPrunedAndPenalised() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId p = joined(r);
    r.handleRpc(p, control(ControlMessage.newBuilder().addPrune(ControlPrune.newBuilder().setTopicID(TOPIC).setBackoff(60))));
    final double before = r.score(p);
    r.handleRpc(p, control(ControlMessage.newBuilder().addGraft(ControlGraft.newBuilder().setTopicID(TOPIC))));
    assertFalse(r.meshPeers(TOPIC).contains(p));
    final List<ControlPrune> prunes = prunesTo(p);
    assertEquals(1, prunes.size());
    assertEquals(60, prunes.get(0).getBackoff(), "backoff travels in seconds");
    assertTrue(r.score(p) < before, "a graft in backoff is a behaviour penalty");
    // our own heartbeat respects the backoff it was given
    r.heartbeat();
    assertFalse(r.meshPeers(TOPIC).contains(p));
    now += 62_000;
    for (int i = 0; i < 3; i++) {
      r.heartbeat(); // the penalty decays away, then the peer is grafted again
      now += 1_000;
    }
    assertTrue(r.meshPeers(TOPIC).contains(p));
  }

  @Test
  void graftForAnUnknownTopicIsIgnoredWithoutAnswer() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId p = joined(r);
    sent.clear();
    r.handleRpc(p, control(ControlMessage.newBuilder().addGraft(ControlGraft.newBuilder().setTopicID("other"))));
    assertTrue(sent.isEmpty());
  }

  @Test
  void ihaveIsAnsweredWithIwantAndIwantFromTheCacheAtMostThreeTimes() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId p = joined(r);
    final ByteString unknown = ByteString.copyFrom(new byte[32]);
    sent.clear();
    r.handleRpc(p, control(ControlMessage.newBuilder().addIhave(ControlIHave.newBuilder().setTopicID(TOPIC).addMessageIDs(unknown))));
    assertTrue(sent.stream().anyMatch(s -> s.rpc().getControl().getIwantList().stream()
        .anyMatch(w -> w.getMessageIDsList().contains(unknown))));

    final GossipRouter.Published published = r.publish(TOPIC, "mine".getBytes(StandardCharsets.UTF_8));
    int answers = 0;
    for (int i = 0; i < 5; i++) {
      sent.clear();
      r.handleRpc(p, control(ControlMessage.newBuilder().addIwant(ControlIWant.newBuilder().addMessageIDs(published.id().bytes()))));
      answers += (int) sent.stream().filter(s -> s.rpc().getPublishCount() == 1).count();
    }
    assertEquals(3, answers);
  }

  @Test
  void brokenIwantPromisePenalisesTheAdvertiser() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId p = joined(r);
    r.handleRpc(p, control(ControlMessage.newBuilder().addIhave(
        ControlIHave.newBuilder().setTopicID(TOPIC).addMessageIDs(ByteString.copyFrom(new byte[32])))));
    final double before = r.score(p);
    now += 4_000;
    r.heartbeat();
    assertTrue(r.score(p) < before);
  }

  @Test
  void invalidMessagesDriveAPeerBelowTheGraylistAndOutWhileHonestOnesStillArrive() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN,
        m -> new String(m.data(), StandardCharsets.UTF_8).startsWith("bad") ? ValidationResult.REJECT : ValidationResult.ACCEPT);
    final PeerId bad = joined(r);
    final PeerId honest = joined(r);
    for (int i = 0; i < 3; i++) {
      r.handleRpc(bad, RPC.newBuilder().addPublish(unsigned("bad " + i)).build());
    }
    assertTrue(r.score(bad) < ScoreParams.defaults().thresholds().graylist(), "score " + r.score(bad));
    r.handleRpc(bad, RPC.newBuilder().addPublish(unsigned("ignored while graylisted")).build());
    r.heartbeat();
    assertEquals(List.of(bad), disconnected);
    r.handleRpc(honest, RPC.newBuilder().addPublish(unsigned("good")).build());
    assertEquals(List.of("good"), delivered.stream().map(m -> new String(m.data(), StandardCharsets.UTF_8)).toList());
    assertEquals(3, r.stats().rejected);
    assertEquals(1, r.stats().graylisted);
  }

  @Test
  void strictSignRejectsTamperedAndUnsignedMessages() {
    final Ed25519KeyPair author = Ed25519KeyPair.generate();
    final Message good = SignaturePolicy.STRICT_SIGN.author(author, TOPIC, "x".getBytes(StandardCharsets.UTF_8), 1);
    final GossipRouter r = router(SignaturePolicy.STRICT_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId p = joined(r);
    r.handleRpc(p, RPC.newBuilder()
        .addPublish(good.toBuilder().setData(ByteString.copyFromUtf8("y")))
        .addPublish(unsigned("no signature"))
        .addPublish(good).build());
    assertEquals(1, delivered.size());
    assertEquals(PeerId.of(author.publicKey()), delivered.get(0).author().orElseThrow());
    assertEquals(2, r.stats().rejected);
  }

  @Test
  void strictNoSignRejectsMessagesThatCarryAnAuthor() {
    final Message signed = SignaturePolicy.STRICT_SIGN.author(Ed25519KeyPair.generate(), TOPIC, new byte[] {1}, 1);
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId p = joined(r);
    r.handleRpc(p, RPC.newBuilder().addPublish(signed).build());
    assertTrue(delivered.isEmpty());
    assertEquals(1, r.stats().rejected);
  }

  @Test
  void floodPublishReachesEverySubscriberAndMessageIdsFollowThePolicy() {
    final GossipRouter r = router(SignaturePolicy.STRICT_SIGN, TopicValidator.ACCEPT_ALL);
    for (int i = 0; i < 15; i++) {
      joined(r);
    }
    sent.clear();
    final GossipRouter.Published p = r.publish(TOPIC, new byte[] {42});
    assertEquals(15, p.peers());
    final Message m = sent.get(0).rpc().getPublish(0);
    assertEquals(m.getFrom().concat(m.getSeqno()), p.id().bytes());
  }

  @Test
  void rpcFloodIsRateLimited() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId p = joined(r);
    for (int i = 0; i < GossipParams.defaults().maxRpcsPerSecond() + 10; i++) {
      r.handleRpc(p, RPC.getDefaultInstance());
    }
    assertTrue(r.stats().rateLimited >= 10);
  }

  @Test
  void aReplayedMessageCostsNoSignatureCheck() {
    final GossipRouter r = router(SignaturePolicy.STRICT_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId p = joined(r);
    final Message good = SignaturePolicy.STRICT_SIGN.author(Ed25519KeyPair.generate(), TOPIC,
        "once".getBytes(StandardCharsets.UTF_8), 1);
    r.handleRpc(p, RPC.newBuilder().addPublish(good).build());
    assertEquals(1, delivered.size());
    // copies with the same id but a broken signature: a verification would reject them; the seen
    // cache answers first, so they are duplicates and nothing is verified or rejected
    final byte[] broken = good.getSignature().toByteArray();
    broken[0] ^= 1;
    final Message replay = good.toBuilder().setSignature(ByteString.copyFrom(broken)).build();
    final PeerId replayer = joined(r);
    for (int i = 0; i < 50; i++) {
      r.handleRpc(replayer, RPC.newBuilder().addPublish(replay).build());
    }
    assertEquals(0, r.stats().rejected);
    // the first copies are duplicates; the repeats then graylist the replayer, whose RPCs are dropped unread
    assertTrue(r.stats().duplicates > 0, "duplicates: " + r.stats().duplicates);
    assertEquals(50, r.stats().duplicates + r.stats().graylisted);
    assertEquals(1, delivered.size());
  }

  @Test
  void aPeerThatRepeatsAMessageIsScoredDownAndOneThatForwardsItOnceIsNot() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId source = joined(r);
    final PeerId forwarder = joined(r);
    final PeerId flooder = joined(r);
    r.handleRpc(source, RPC.newBuilder().addPublish(unsigned("news")).build());
    r.handleRpc(forwarder, RPC.newBuilder().addPublish(unsigned("news")).build());
    for (int i = 0; i < 40; i++) {
      now += 10;
      r.handleRpc(flooder, RPC.newBuilder().addPublish(unsigned("news")).build());
    }
    assertTrue(r.score(forwarder) >= 0, "an honest forwarder: " + r.score(forwarder));
    assertTrue(r.score(flooder) < ScoreParams.defaults().thresholds().graylist(),
        "a peer replaying one message 39 times is graylisted: " + r.score(flooder));
  }

  @Test
  void pruneForTopicsNeverJoinedLeavesNoState() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId p = joined(r);
    for (int i = 0; i < 10_000; i++) {
      r.handleRpc(p, control(ControlMessage.newBuilder().addPrune(ControlPrune.newBuilder()
          .setTopicID("never-joined-" + i).setBackoff(3_600))));
      now += 1; // stay under the RPC rate limit
    }
    assertEquals(0, r.backoffEntries());
    // a PRUNE for our topic still backs the peer off
    r.handleRpc(p, control(ControlMessage.newBuilder().addPrune(ControlPrune.newBuilder().setTopicID(TOPIC).setBackoff(60))));
    assertEquals(1, r.backoffEntries());
  }

  @Test
  void iwantAnswersPerPeerAndHeartbeatAreCapped() {
    final GossipRouter r = router(SignaturePolicy.STRICT_NO_SIGN, TopicValidator.ACCEPT_ALL);
    final PeerId source = joined(r);
    final PeerId asker = joined(r);
    final int cap = GossipParams.defaults().maxIHaveLength();
    final ControlIWant.Builder all = ControlIWant.newBuilder();
    for (int i = 0; i < cap + 500; i++) {
      final Message m = unsigned("cached " + i);
      r.handleRpc(source, RPC.newBuilder().addPublish(m).build());
      all.addMessageIDs(SignaturePolicy.STRICT_NO_SIGN.messageId(m).bytes());
      now += 1; // stay under the RPC rate limit
    }
    assertEquals(cap, served(r, asker, all.build()));
    // the next heartbeat allows as many again
    r.heartbeat();
    assertEquals(cap, served(r, asker, all.build()));
  }

  /** How many messages {@code asker}'s IWANT gets back. */
  private long served(final GossipRouter r, final PeerId asker, final ControlIWant iwant) {
    sent.clear();
    r.handleRpc(asker, control(ControlMessage.newBuilder().addIwant(iwant)));
    return sent.stream().filter(x -> x.to().equals(asker)).mapToLong(x -> x.rpc().getPublishCount()).sum();
  }
}
