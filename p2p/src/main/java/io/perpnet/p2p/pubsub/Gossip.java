package io.perpnet.p2p.pubsub;

import com.google.protobuf.ByteString;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlIHave;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlIWant;
import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Gossip and its promises: IHAVE advertisements of the message cache to peers outside the mesh,
 * IWANT asks for ids we have not seen, and the promise that one asked-for id arrives within
 * {@link GossipParams#iwantFollowupTime()} (a broken promise is a behaviour penalty). Per peer and
 * heartbeat at most {@link GossipParams#maxIHaveMessages()} IHAVEs are heard, at most
 * {@link GossipParams#maxIHaveLength()} ids asked for and as many messages served.
 */
final class Gossip {
  private final GossipParams params;
  private final ScoreParams.Thresholds thresholds;
  private final GossipScore score;
  private final PeerTable peers;
  private final MessageCache cache;
  private final SeenCache seen;
  private final LongSupplier clock;
  private final Random random;
  private final Predicate<String> joined;
  private final Map<MessageId, PeerId> promises = new LinkedHashMap<>();
  private final Map<MessageId, Long> promiseDeadlines = new HashMap<>();

  Gossip(final GossipParams params, final ScoreParams.Thresholds thresholds, final GossipScore score,
      final PeerTable peers, final MessageCache cache, final SeenCache seen, final LongSupplier clock,
      final Random random, final Predicate<String> joined) {
    this.params = params;
    this.thresholds = thresholds;
    this.score = score;
    this.peers = peers;
    this.cache = cache;
    this.seen = seen;
    this.clock = clock;
    this.random = random;
    this.joined = joined;
  }

  /** A message arrived: any promise for it is kept. */
  void arrived(final MessageId id) {
    promiseDeadlines.remove(id);
    promises.remove(id);
  }

  void onIHave(final PeerId from, final ControlIHave ihave, final double s) {
    final PeerTable.Peer state = peers.get(from);
    if (s < thresholds.gossip() || !joined.test(ihave.getTopicID())
        || ++state.ihavesThisBeat > params.maxIHaveMessages() || state.askedThisBeat >= params.maxIHaveLength()) {
      return;
    }
    final List<ByteString> want = new ArrayList<>();
    for (final ByteString raw : ihave.getMessageIDsList()) {
      final MessageId id = new MessageId(raw);
      if (!seen.contains(id) && !promises.containsKey(id) && state.askedThisBeat < params.maxIHaveLength()) {
        want.add(raw);
        state.askedThisBeat++;
      }
    }
    if (want.isEmpty()) {
      return;
    }
    // one random id becomes a promise: if it does not arrive in time the advertiser is penalised
    final MessageId promised = new MessageId(want.get(random.nextInt(want.size())));
    promises.put(promised, from);
    promiseDeadlines.put(promised, clock.getAsLong() + params.iwantFollowupTime().toMillis());
    peers.control(from).addIwant(ControlIWant.newBuilder().addAllMessageIDs(want));
  }

  /**
   * The cached messages {@code from} asks for, each served at most three times per peer and at
   * most {@code maxIHaveLength} per heartbeat: a peer cannot pull the whole cache in one RPC.
   */
  List<Message> onIWant(final PeerId from, final List<ControlIWant> iwants) {
    final PeerTable.Peer state = peers.get(from);
    final List<Message> answers = new ArrayList<>();
    for (final ControlIWant iwant : iwants) {
      for (final ByteString raw : iwant.getMessageIDsList()) {
        if (state.servedThisBeat >= params.maxIHaveLength()) {
          return answers;
        }
        final Message m = cache.forRequest(new MessageId(raw), from);
        if (m != null) {
          answers.add(m);
          state.servedThisBeat++;
        }
      }
    }
    return answers;
  }

  /** The heartbeat's IHAVEs: recent ids of each mesh or fanout topic to D_lazy peers outside it. */
  void emit(final Map<String, Set<PeerId>> topics, final ToDoubleFunction<PeerId> scoreOf) {
    for (final Map.Entry<String, Set<PeerId>> e : topics.entrySet()) {
      final List<PeerId> eligible = new ArrayList<>();
      peers.forEach((p, s) -> {
        if (s.topics.contains(e.getKey()) && !e.getValue().contains(p)
            && scoreOf.applyAsDouble(p) >= thresholds.gossip()) {
          eligible.add(p);
        }
      });
      if (eligible.isEmpty()) {
        continue; // everyone who wants the topic is in the mesh: nothing to advertise
      }
      final List<MessageId> ids = cache.gossipIds(e.getKey());
      if (ids.isEmpty()) {
        continue;
      }
      final int n = Math.max(params.dLazy(), (int) (params.gossipFactor() * eligible.size()));
      Collections.shuffle(eligible, random);
      final List<MessageId> advertised = ids.size() > params.maxIHaveLength()
          ? ids.subList(ids.size() - params.maxIHaveLength(), ids.size()) : ids;
      final ControlIHave ihave = ControlIHave.newBuilder().setTopicID(e.getKey())
          .addAllMessageIDs(advertised.stream().map(MessageId::bytes).toList()).build();
      for (final PeerId p : eligible.subList(0, Math.min(n, eligible.size()))) {
        peers.control(p).addIhave(ihave);
      }
    }
  }

  /** Promises past their deadline: one behaviour penalty each. */
  void brokenPromises(final long now) {
    final Iterator<Map.Entry<MessageId, Long>> it = promiseDeadlines.entrySet().iterator();
    while (it.hasNext()) {
      final Map.Entry<MessageId, Long> e = it.next();
      if (e.getValue() < now) {
        final PeerId p = promises.remove(e.getKey());
        if (p != null) {
          score.addPenalty(p, 1);
        }
        it.remove();
      }
    }
  }
}
