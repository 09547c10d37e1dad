package io.perpnet.p2p.pubsub;

import io.perpnet.consensus.identity.PeerId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Peer scoring v1.1: counters per peer and topic, turned into a score on demand, decayed every
 * decay interval. Used only from the router thread.
 */
final class PeerScore implements GossipScore {
  private static final class TopicStats {
    boolean inMesh;
    long graftTime;
    double firstDeliveries;
    double meshDeliveries;
    boolean meshDeliveriesActive;
    double meshFailurePenalty;
    double invalidDeliveries;
  }

  private static final class Stats {
    boolean connected = true;
    long expireAt;
    String ip;
    double behaviourPenalty;
    final Map<String, TopicStats> topics = new HashMap<>();

    TopicStats topic(final String t) {
      return topics.computeIfAbsent(t, k -> new TopicStats());
    }
  }

  /** Who sent a message, and what validation made of it (null while it is still validating). */
  private static final class Delivery {
    final long firstSeen;
    final Set<PeerId> peers = new HashSet<>();
    Boolean valid;

    Delivery(final long firstSeen, final PeerId first, final Boolean valid) {
      this.firstSeen = firstSeen;
      this.peers.add(first);
      this.valid = valid;
    }
  }

  private final ScoreParams params;
  private final ToDoubleFunction<PeerId> appScore;
  private final Map<PeerId, Stats> peers = new HashMap<>();
  private final Map<String, Set<PeerId>> peersByIp = new HashMap<>();
  /**
   * Who delivered each recent message, in arrival order so expiry walks from the oldest instead of
   * scanning the map (at tens of thousands of messages per second a full scan stalls the router).
   */
  private final LinkedHashMap<MessageId, Delivery> deliveries = new LinkedHashMap<>();

  PeerScore(final ScoreParams params, final ToDoubleFunction<PeerId> appScore) {
    this.params = params;
    this.appScore = appScore;
  }

  @Override
  public double score(final PeerId peer, final long now) {
    final Stats s = peers.get(peer);
    if (s == null) {
      return 0;
    }
    double topicsScore = 0;
    for (final Map.Entry<String, TopicStats> e : s.topics.entrySet()) {
      final TopicScoreParams p = params.topic(e.getKey());
      if (p == null) {
        continue;
      }
      final TopicStats t = e.getValue();
      double ts = 0;
      if (t.inMesh) {
        final double quanta = (double) (now - t.graftTime) / Math.max(1, p.timeInMeshQuantum().toMillis());
        ts += p.timeInMeshWeight() * Math.min(quanta, p.timeInMeshCap());
      }
      ts += p.firstMessageDeliveriesWeight() * t.firstDeliveries;
      if (t.meshDeliveriesActive && t.meshDeliveries < p.meshMessageDeliveriesThreshold()) {
        final double deficit = p.meshMessageDeliveriesThreshold() - t.meshDeliveries;
        ts += p.meshMessageDeliveriesWeight() * deficit * deficit;
      }
      ts += p.meshFailurePenaltyWeight() * t.meshFailurePenalty;
      ts += p.invalidMessageDeliveriesWeight() * t.invalidDeliveries * t.invalidDeliveries;
      topicsScore += p.topicWeight() * ts;
    }
    if (params.topicScoreCap() > 0 && topicsScore > params.topicScoreCap()) {
      topicsScore = params.topicScoreCap();
    }
    double score = topicsScore + params.appSpecificWeight() * appScore.applyAsDouble(peer);
    if (s.ip != null && !params.ipWhitelist().contains(s.ip)) {
      final int surplus = peersByIp.getOrDefault(s.ip, Set.of()).size() - params.ipColocationThreshold();
      if (surplus > 0) {
        score += params.ipColocationWeight() * surplus * surplus;
      }
    }
    if (s.behaviourPenalty > params.behaviourPenaltyThreshold()) {
      final double excess = s.behaviourPenalty - params.behaviourPenaltyThreshold();
      score += params.behaviourPenaltyWeight() * excess * excess;
    }
    return score;
  }

  @Override
  public void addPeer(final PeerId peer, final String ip) {
    final Stats s = peers.computeIfAbsent(peer, p -> new Stats());
    s.connected = true;
    s.ip = ip;
    if (ip != null) {
      peersByIp.computeIfAbsent(ip, k -> new HashSet<>()).add(peer);
    }
  }

  @Override
  public void removePeer(final PeerId peer, final long now) {
    final Stats s = peers.get(peer);
    if (s == null) {
      return;
    }
    if (s.ip != null) {
      final Set<PeerId> same = peersByIp.get(s.ip);
      if (same != null && same.remove(peer) && same.isEmpty()) {
        peersByIp.remove(s.ip);
      }
    }
    if (score(peer, now) > 0) {
      peers.remove(peer); // nothing to hold against it
      return;
    }
    s.connected = false;
    s.expireAt = now + params.retainScore().toMillis();
    for (final TopicStats t : s.topics.values()) {
      t.inMesh = false;
    }
  }

  @Override
  public void graft(final PeerId peer, final String topic, final long now) {
    final Stats s = peers.get(peer);
    if (s != null) {
      final TopicStats t = s.topic(topic);
      t.inMesh = true;
      t.graftTime = now;
      t.meshDeliveriesActive = false;
    }
  }

  @Override
  public void prune(final PeerId peer, final String topic) {
    final Stats s = peers.get(peer);
    if (s == null) {
      return;
    }
    final TopicStats t = s.topic(topic);
    final TopicScoreParams p = params.topic(topic);
    if (p != null && t.meshDeliveriesActive && t.meshDeliveries < p.meshMessageDeliveriesThreshold()) {
      final double deficit = p.meshMessageDeliveriesThreshold() - t.meshDeliveries;
      t.meshFailurePenalty += deficit * deficit;
    }
    t.inMesh = false;
  }

  @Override
  public void addPenalty(final PeerId peer, final double count) {
    final Stats s = peers.get(peer);
    if (s != null) {
      s.behaviourPenalty += count;
    }
  }

  /** A message passed validation; {@code from} delivered it first. */
  /** A message from {@code from} went to validation: copies arriving meanwhile are recorded. */
  @Override
  public void validating(final PeerId from, final MessageId id, final long now) {
    deliveries.putIfAbsent(id, new Delivery(now, from, null));
  }

  /**
   * The validator's verdict on a message that was validating: ACCEPT credits {@code from} (the
   * first sender) and counts the copies that arrived meanwhile as mesh deliveries; REJECT counts
   * against every peer that sent it; IGNORE counts for nobody.
   */
  @Override
  public void verdict(final PeerId from, final MessageId id, final String topic, final ValidationResult result,
      final long now) {
    final Delivery d = deliveries.get(id);
    switch (result) {
      case ACCEPT -> {
        validated(from, id, topic, now);
        if (d != null) {
          d.valid = true;
          for (final PeerId other : d.peers) {
            if (!other.equals(from)) {
              meshDelivery(other, topic, d, now);
            }
          }
        }
      }
      case REJECT -> {
        if (d == null) {
          rejected(from, id, topic, now);
        } else {
          d.valid = false;
          d.peers.forEach(p -> invalid(p, topic));
        }
      }
      case IGNORE -> {
        if (d != null) {
          deliveries.remove(id);
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  void validated(final PeerId from, final MessageId id, final String topic, final long now) {
    deliveries.putIfAbsent(id, new Delivery(now, from, true));
    final Stats s = peers.get(from);
    final TopicScoreParams p = params.topic(topic);
    if (s == null || p == null) {
      return;
    }
    final TopicStats t = s.topic(topic);
    t.firstDeliveries = Math.min(p.firstMessageDeliveriesCap(), t.firstDeliveries + 1);
    if (t.inMesh) {
      t.meshDeliveries = Math.min(p.meshMessageDeliveriesCap(), t.meshDeliveries + 1);
    }
  }

  /** A message was rejected (bad signature or the validator said REJECT). */
  @Override
  public void rejected(final PeerId from, final MessageId id, final String topic, final long now) {
    if (id != null) {
      deliveries.putIfAbsent(id, new Delivery(now, from, false));
    }
    invalid(from, topic);
  }

  /**
   * A copy of a message we already had. From a peer that already sent us this one, it is a replay
   * (an honest peer forwards a message once): a behaviour penalty, so duplicate floods are scored.
   */
  @Override
  public void duplicate(final PeerId from, final MessageId id, final String topic, final long now) {
    final Delivery d = deliveries.get(id);
    if (d == null) {
      return;
    }
    if (!d.peers.add(from)) {
      addPenalty(from, 1);
      return;
    }
    if (d.valid == null) {
      return; // still validating: the verdict credits or blames it with the others
    }
    if (!d.valid) {
      invalid(from, topic);
      return;
    }
    meshDelivery(from, topic, d, now);
  }

  private void meshDelivery(final PeerId from, final String topic, final Delivery d, final long now) {
    final TopicScoreParams p = params.topic(topic);
    final Stats s = peers.get(from);
    if (p != null && s != null && now - d.firstSeen <= p.meshMessageDeliveriesWindow().toMillis()) {
      final TopicStats t = s.topic(topic);
      if (t.inMesh) {
        t.meshDeliveries = Math.min(p.meshMessageDeliveriesCap(), t.meshDeliveries + 1);
      }
    }
  }

  private void invalid(final PeerId from, final String topic) {
    final Stats s = peers.get(from);
    if (s != null && params.topic(topic) != null) {
      s.topic(topic).invalidDeliveries += 1;
    }
  }

  /** Decays every counter; forgets expired peers and old delivery records. */
  @Override
  public void decay(final long now, final long deliveryTtlMillis) {
    final Iterator<Map.Entry<PeerId, Stats>> it = peers.entrySet().iterator();
    while (it.hasNext()) {
      final Stats s = it.next().getValue();
      if (!s.connected && s.expireAt < now) {
        it.remove();
        continue;
      }
      for (final Map.Entry<String, TopicStats> e : s.topics.entrySet()) {
        final TopicScoreParams p = params.topic(e.getKey());
        if (p == null) {
          continue;
        }
        final TopicStats t = e.getValue();
        t.firstDeliveries = decayed(t.firstDeliveries * p.firstMessageDeliveriesDecay());
        t.meshDeliveries = decayed(t.meshDeliveries * p.meshMessageDeliveriesDecay());
        t.meshFailurePenalty = decayed(t.meshFailurePenalty * p.meshFailurePenaltyDecay());
        t.invalidDeliveries = decayed(t.invalidDeliveries * p.invalidMessageDeliveriesDecay());
        if (t.inMesh && now - t.graftTime >= p.meshMessageDeliveriesActivation().toMillis()) {
          t.meshDeliveriesActive = true;
        }
      }
      s.behaviourPenalty = decayed(s.behaviourPenalty * params.behaviourPenaltyDecay());
    }
    final Iterator<Delivery> oldest = deliveries.values().iterator();
    while (oldest.hasNext() && oldest.next().firstSeen + deliveryTtlMillis < now) {
      oldest.remove();
    }
  }

  private double decayed(final double v) {
    return v < params.decayToZero() ? 0 : v;
  }
}
