package io.perpnet.p2p.pubsub;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Peer scoring v1.1 (spec: gossipsub-v1.1.md, "Peer Scoring"):
 * {@code score = min(topicScoreCap, sum over topics of weight * (P1..P4)) + w5 P5 + w6 P6 + w7 P7}.
 *
 * @param topics per-topic parameters; topics without an entry add nothing
 * @param defaultTopic used for every topic we subscribe to that has no entry (null: none)
 * @param topicScoreCap cap on the positive topic part (0: no cap)
 * @param appSpecificWeight w5, applied to the application's own score
 * @param ipColocationWeight w6 (negative), applied to (peers on one IP - threshold)^2
 * @param ipColocationThreshold peers per IP before P6 applies
 * @param ipWhitelist IPs exempt from P6 (co-located test peers)
 * @param behaviourPenaltyWeight w7 (negative), applied to (penalty - threshold)^2
 * @param behaviourPenaltyThreshold penalty counted free
 * @param behaviourPenaltyDecay per decay interval
 * @param decayInterval how often counters decay
 * @param decayToZero counters below this become 0
 * @param retainScore how long a disconnected peer's score is remembered
 * @param thresholds gossip, publish and graylist thresholds
 */
public record ScoreParams(
    Map<String, TopicScoreParams> topics, TopicScoreParams defaultTopic, double topicScoreCap,
    double appSpecificWeight, double ipColocationWeight, int ipColocationThreshold, Set<String> ipWhitelist,
    double behaviourPenaltyWeight, double behaviourPenaltyThreshold, double behaviourPenaltyDecay,
    Duration decayInterval, double decayToZero, Duration retainScore, Thresholds thresholds) {

  public ScoreParams {
    topics = Map.copyOf(topics);
    ipWhitelist = Set.copyOf(ipWhitelist);
    if (ipColocationWeight > 0 || behaviourPenaltyWeight > 0) {
      throw new IllegalArgumentException("P6 and P7 weights must not be positive");
    }
  }

  /**
   * Thresholds: below {@code gossip} a peer gets no gossip from us and we ignore its IHAVE; below
   * {@code publish} our own messages skip it; below {@code graylist} its RPCs are ignored and the
   * router disconnects it. PX is accepted from peers at or above {@code acceptPx}.
   */
  public record Thresholds(double gossip, double publish, double graylist, double acceptPx, double opportunisticGraft) {
    public Thresholds {
      if (!(graylist < publish && publish <= gossip && gossip <= 0 && acceptPx >= 0 && opportunisticGraft >= 0)) {
        throw new IllegalArgumentException("need graylist < publish <= gossip <= 0, acceptPx >= 0, opportunisticGraft >= 0");
      }
    }
  }

  /** js-libp2p's global defaults, with default topic parameters for every subscribed topic. */
  public static ScoreParams defaults() {
    return new ScoreParams(Map.of(), TopicScoreParams.defaults(), 10, 10, -5, 10, Set.of(),
        -10, 0, 0.2, Duration.ofSeconds(1), 0.1, Duration.ofHours(1),
        new Thresholds(-10, -50, -80, 10, 20));
  }

  public ScoreParams withIpWhitelist(final Set<String> ips) {
    return new ScoreParams(topics, defaultTopic, topicScoreCap, appSpecificWeight, ipColocationWeight,
        ipColocationThreshold, ips, behaviourPenaltyWeight, behaviourPenaltyThreshold, behaviourPenaltyDecay,
        decayInterval, decayToZero, retainScore, thresholds);
  }

  TopicScoreParams topic(final String topic) {
    return topics.getOrDefault(topic, defaultTopic);
  }
}
