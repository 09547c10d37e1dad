package io.perpnet.p2p.pubsub;

import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlGraft;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlPrune;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Mesh upkeep: the mesh of every topic we joined, the fanout of topics we publish to without
 * joining, GRAFT and PRUNE with their backoff, and the heartbeat's repairs (D_lo/D_hi, D_score,
 * D_out, opportunistic grafting, negative scores out). State is touched only for topics we joined
 * ({@code joined}), so control messages for other topics leave nothing behind.
 */
final class Mesh {
  private final GossipParams params;
  private final ScoreParams.Thresholds thresholds;
  private final GossipScore score;
  private final PeerTable peers;
  private final LongSupplier clock;
  private final Random random;
  private final Predicate<String> joined;
  private final Map<String, Set<PeerId>> mesh = new HashMap<>();
  private final Map<String, Set<PeerId>> fanout = new HashMap<>();
  private final Map<String, Long> fanoutLastPublish = new HashMap<>();
  private final Map<String, Map<PeerId, Long>> backoff = new HashMap<>();

  Mesh(final GossipParams params, final ScoreParams.Thresholds thresholds, final GossipScore score,
      final PeerTable peers, final LongSupplier clock, final Random random, final Predicate<String> joined) {
    this.params = params;
    this.thresholds = thresholds;
    this.score = score;
    this.peers = peers;
    this.clock = clock;
    this.random = random;
    this.joined = joined;
  }

  Set<PeerId> peers(final String topic) {
    return mesh.getOrDefault(topic, Set.of());
  }

  /** Topics with a mesh or a fanout, and their peers: where gossip goes. */
  Map<String, Set<PeerId>> meshAndFanout() {
    final Map<String, Set<PeerId>> topics = new HashMap<>(mesh);
    topics.putAll(fanout);
    return topics;
  }

  int backoffEntries() {
    return backoff.values().stream().mapToInt(Map::size).sum();
  }

  /** We joined {@code topic}: the mesh starts from its fanout, topped up to D, and each member is grafted. */
  void join(final String topic) {
    final Set<PeerId> m = new HashSet<>();
    final Set<PeerId> f = fanout.remove(topic);
    fanoutLastPublish.remove(topic);
    final long now = clock.getAsLong();
    if (f != null) {
      for (final PeerId p : f) {
        if (m.size() < params.d() && score.score(p, now) >= 0) {
          m.add(p);
        }
      }
    }
    m.addAll(candidates(topic, params.d() - m.size(), m, false));
    mesh.put(topic, m);
    for (final PeerId p : m) {
      score.graft(p, topic, now);
      peers.control(p).addGraft(ControlGraft.newBuilder().setTopicID(topic));
    }
  }

  /** We left {@code topic}: every member is pruned with the unsubscribe backoff. */
  void leave(final String topic) {
    final Set<PeerId> m = mesh.remove(topic);
    if (m != null) {
      for (final PeerId p : m) {
        score.prune(p, topic);
        addBackoff(p, topic, params.unsubscribeBackoff().toMillis());
        peers.control(p).addPrune(prune(p, topic, params.unsubscribeBackoff().toSeconds()));
      }
    }
  }

  /** Where our own message goes without flood publishing: the mesh, or the topic's fanout. */
  Set<PeerId> publishTargets(final String topic, final long now) {
    if (mesh.containsKey(topic)) {
      return mesh.get(topic);
    }
    final Set<PeerId> f = fanout.computeIfAbsent(topic, t -> new HashSet<>(candidates(t, params.d(), Set.of(), true)));
    fanoutLastPublish.put(topic, now);
    return f;
  }

  /** {@code peer} unsubscribed from {@code topic} or left. */
  void peerLeft(final PeerId peer, final String topic) {
    final Set<PeerId> m = mesh.get(topic);
    if (m != null && m.remove(peer)) {
      score.prune(peer, topic);
    }
    final Set<PeerId> f = fanout.get(topic);
    if (f != null) {
      f.remove(peer);
    }
  }

  void peerGone(final PeerId peer) {
    for (final Map.Entry<String, Set<PeerId>> e : mesh.entrySet()) {
      if (e.getValue().remove(peer)) {
        score.prune(peer, e.getKey());
      }
    }
    fanout.values().forEach(f -> f.remove(peer));
  }

  // ---- GRAFT and PRUNE from peers --------------------------------------------------------------

  void onGraft(final PeerId from, final String topic, final double s, final long now) {
    if (!joined.test(topic)) {
      return; // unknown topic: ignore, do not answer (v1.1 spam protection)
    }
    final Set<PeerId> m = mesh.computeIfAbsent(topic, t -> new HashSet<>());
    if (m.contains(from)) {
      return;
    }
    final Long until = backoff.getOrDefault(topic, Map.of()).get(from);
    if (until != null && now < until) {
      score.addPenalty(from, 1);
      final long prunedAt = until - params.pruneBackoff().toMillis();
      if (now < prunedAt + params.graftFloodThreshold().toMillis()) {
        score.addPenalty(from, 1);
      }
      refuseGraft(from, topic);
      return;
    }
    if (s < 0 || (m.size() >= params.dHi() && !peers.get(from).outbound)) {
      refuseGraft(from, topic);
      return;
    }
    m.add(from);
    score.graft(from, topic, now);
  }

  private void refuseGraft(final PeerId peer, final String topic) {
    addBackoff(peer, topic, params.pruneBackoff().toMillis());
    peers.control(peer).addPrune(prune(peer, topic, params.pruneBackoff().toSeconds()));
  }

  void onPrune(final PeerId from, final ControlPrune prune) {
    final String topic = prune.getTopicID();
    if (!joined.test(topic)) {
      return; // a topic we never joined: no mesh to leave, and no backoff to keep for it
    }
    final Set<PeerId> m = mesh.get(topic);
    if (m != null && m.remove(from)) {
      score.prune(from, topic);
    }
    final long seconds = prune.hasBackoff() ? prune.getBackoff() : params.pruneBackoff().toSeconds();
    addBackoff(from, topic, Math.min(seconds, 3600) * 1000);
    // PX: peer exchange needs signed peer records to learn addresses; we neither send nor use it
  }

  private ControlPrune prune(final PeerId peer, final String topic, final long backoffSeconds) {
    final ControlPrune.Builder b = ControlPrune.newBuilder().setTopicID(topic);
    final PeerTable.Peer s = peers.get(peer);
    if (s != null && !GossipRouter.MESHSUB_1_0.equals(s.protocol)) {
      b.setBackoff(backoffSeconds);
    }
    return b.build();
  }

  private void addBackoff(final PeerId peer, final String topic, final long millis) {
    final long until = clock.getAsLong() + millis;
    backoff.computeIfAbsent(topic, t -> new HashMap<>()).merge(peer, until, Math::max);
  }

  private boolean backingOff(final PeerId peer, final String topic, final long now) {
    final Long until = backoff.getOrDefault(topic, Map.of()).get(peer);
    // one heartbeat of slack, so clock skew does not make us graft a moment too early
    return until != null && now < until + params.heartbeat().toMillis();
  }

  // ---- heartbeat -------------------------------------------------------------------------------

  /** The heartbeat's mesh and fanout repairs, then expired backoffs dropped. */
  void heartbeat(final ToDoubleFunction<PeerId> scoreOf, final long now, final long ticks) {
    for (final Map.Entry<String, Set<PeerId>> e : mesh.entrySet()) {
      maintainMesh(e.getKey(), e.getValue(), scoreOf, now, ticks);
    }
    maintainFanout(scoreOf, now);
  }

  void expireBackoff(final long now) {
    backoff.values().forEach(b -> b.values().removeIf(until -> until + params.heartbeat().toMillis() < now));
  }

  private void maintainMesh(final String topic, final Set<PeerId> m, final ToDoubleFunction<PeerId> scoreOf,
      final long now, final long ticks) {
    for (final PeerId p : List.copyOf(m)) {
      if (scoreOf.applyAsDouble(p) < 0) {
        removeFromMesh(p, topic, m);
      }
    }
    if (m.size() < params.dLo()) {
      for (final PeerId p : candidates(topic, params.d() - m.size(), m, false)) {
        addToMesh(p, topic, m, now);
      }
    }
    if (m.size() > params.dHi()) {
      pruneToD(topic, m, scoreOf);
    }
    if (m.size() >= params.dLo()) {
      final long outbound = m.stream().filter(p -> peers.get(p).outbound).count();
      if (outbound < params.dOut()) {
        for (final PeerId p : candidates(topic, (int) (params.dOut() - outbound), m, false)) {
          if (peers.get(p).outbound) {
            addToMesh(p, topic, m, now);
          }
        }
      }
    }
    if (ticks % params.opportunisticGraftTicks() == 0 && m.size() > 1) {
      opportunisticGraft(topic, m, scoreOf, now);
    }
  }

  /** Above D_hi: keep the D_score best, fill up to D at random, keep D_out outbound peers. */
  private void pruneToD(final String topic, final Set<PeerId> m, final ToDoubleFunction<PeerId> scoreOf) {
    final List<PeerId> byScore = new ArrayList<>(m);
    Collections.shuffle(byScore, random);
    byScore.sort(Comparator.comparingDouble(scoreOf).reversed());
    final List<PeerId> keep = new ArrayList<>(byScore.subList(0, params.dScore()));
    final List<PeerId> rest = new ArrayList<>(byScore.subList(params.dScore(), byScore.size()));
    Collections.shuffle(rest, random);
    for (final PeerId p : rest) {
      if (keep.size() >= params.d()) {
        break;
      }
      keep.add(p);
    }
    long outbound = keep.stream().filter(p -> peers.get(p).outbound).count();
    for (final PeerId p : rest) {
      if (outbound >= params.dOut()) {
        break;
      }
      if (!keep.contains(p) && peers.get(p).outbound) {
        keep.add(p);
        outbound++;
      }
    }
    for (final PeerId p : byScore) {
      if (!keep.contains(p)) {
        removeFromMesh(p, topic, m);
      }
    }
  }

  /** When the mesh's median score is low, graft two peers that score above it. */
  private void opportunisticGraft(final String topic, final Set<PeerId> m, final ToDoubleFunction<PeerId> scoreOf,
      final long now) {
    final List<Double> sorted = m.stream().map(scoreOf::applyAsDouble).sorted().toList();
    final double median = sorted.get(sorted.size() / 2);
    if (median < thresholds.opportunisticGraft()) {
      int added = 0;
      for (final PeerId p : candidates(topic, Integer.MAX_VALUE, m, false)) {
        if (added < 2 && scoreOf.applyAsDouble(p) > median) {
          addToMesh(p, topic, m, now);
          added++;
        }
      }
    }
  }

  private void addToMesh(final PeerId p, final String topic, final Set<PeerId> m, final long now) {
    m.add(p);
    score.graft(p, topic, now);
    peers.control(p).addGraft(ControlGraft.newBuilder().setTopicID(topic));
  }

  private void removeFromMesh(final PeerId p, final String topic, final Set<PeerId> m) {
    m.remove(p);
    score.prune(p, topic);
    addBackoff(p, topic, params.pruneBackoff().toMillis());
    peers.control(p).addPrune(prune(p, topic, params.pruneBackoff().toSeconds()));
  }

  private void maintainFanout(final ToDoubleFunction<PeerId> scoreOf, final long now) {
    final Iterator<Map.Entry<String, Set<PeerId>>> it = fanout.entrySet().iterator();
    while (it.hasNext()) {
      final Map.Entry<String, Set<PeerId>> e = it.next();
      final String topic = e.getKey();
      if (fanoutLastPublish.getOrDefault(topic, 0L) + params.fanoutTtl().toMillis() < now) {
        it.remove();
        fanoutLastPublish.remove(topic);
        continue;
      }
      e.getValue().removeIf(p -> !peers.subscribed(p, topic) || scoreOf.applyAsDouble(p) < thresholds.publish());
      if (e.getValue().size() < params.d()) {
        e.getValue().addAll(candidates(topic, params.d() - e.getValue().size(), e.getValue(), true));
      }
    }
  }

  /** Up to {@code n} random topic peers not in {@code exclude}, not backing off, with a non-negative score. */
  private List<PeerId> candidates(final String topic, final int n, final Collection<PeerId> exclude,
      final boolean forPublish) {
    final long now = clock.getAsLong();
    final List<PeerId> out = new ArrayList<>();
    peers.forEach((p, s) -> {
      if (!s.topics.contains(topic) || exclude.contains(p)) {
        return;
      }
      final double sc = score.score(p, now);
      if (forPublish ? sc >= thresholds.publish() : sc >= 0 && !backingOff(p, topic, now)) {
        out.add(p);
      }
    });
    Collections.shuffle(out, random);
    return out.size() > n ? out.subList(0, n) : out;
  }
}
