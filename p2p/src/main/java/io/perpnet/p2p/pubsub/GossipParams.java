package io.perpnet.p2p.pubsub;

import java.time.Duration;

/**
 * GossipSub router parameters (spec defaults, as js uses them).
 *
 * @param d target mesh degree
 * @param dLo below this the heartbeat grafts up to {@code d}
 * @param dHi above this the heartbeat prunes down to {@code d}
 * @param dLazy peers per topic that receive IHAVE gossip each heartbeat
 * @param dScore mesh peers kept by score when pruning
 * @param dOut outbound-connection peers kept in every mesh
 * @param heartbeat heartbeat interval
 * @param fanoutTtl how long fanout is kept after our last publish to a topic we are not in
 * @param mcacheLength heartbeats of messages kept for IWANT
 * @param mcacheGossip heartbeats of messages advertised in IHAVE
 * @param seenTtl how long a message id counts as seen
 * @param pruneBackoff backoff we announce and honour after a PRUNE
 * @param unsubscribeBackoff backoff announced when we leave a topic
 * @param graftFloodThreshold a GRAFT sooner than this after a PRUNE costs an extra penalty
 * @param gossipFactor fraction of eligible peers that receive gossip if more than {@code dLazy}
 * @param maxIHaveLength message ids we ask for per IHAVE round from one peer
 * @param maxIHaveMessages IHAVE messages we accept per peer per heartbeat
 * @param iwantFollowupTime an IWANT not answered within this counts as a broken promise
 * @param opportunisticGraftTicks heartbeats between opportunistic grafts
 * @param floodPublish our own messages go to every subscribed peer above the publish threshold
 * @param maxRpcSize the largest inbound RPC accepted (the stream is reset beyond it)
 * @param maxRpcsPerSecond inbound RPCs per peer per second (with an equal burst); excess RPCs are
 *     dropped and counted as misbehaviour
 * @param maxTopicsPerPeer subscriptions tracked per peer
 */
public record GossipParams(
    int d, int dLo, int dHi, int dLazy, int dScore, int dOut,
    Duration heartbeat, Duration fanoutTtl, int mcacheLength, int mcacheGossip, Duration seenTtl,
    Duration pruneBackoff, Duration unsubscribeBackoff, Duration graftFloodThreshold, double gossipFactor,
    int maxIHaveLength, int maxIHaveMessages, Duration iwantFollowupTime, int opportunisticGraftTicks,
    boolean floodPublish, int maxRpcSize, int maxRpcsPerSecond, int maxTopicsPerPeer) {

  public GossipParams {
    if (!(dOut < dLo && dLo <= d && d <= dHi && dOut <= d / 2 && mcacheGossip <= mcacheLength)) {
      throw new IllegalArgumentException("need dOut < dLo <= d <= dHi, dOut <= d/2 and mcacheGossip <= mcacheLength");
    }
  }

  public static GossipParams defaults() {
    return new GossipParams(6, 4, 12, 6, 4, 2,
        Duration.ofSeconds(1), Duration.ofSeconds(60), 5, 3, Duration.ofSeconds(120),
        Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(10), 0.25,
        5000, 10, Duration.ofSeconds(3), 60,
        true, 1024 * 1024, 10_000, 1000);
  }

  public GossipParams withHeartbeat(final Duration interval) {
    return new GossipParams(d, dLo, dHi, dLazy, dScore, dOut, interval, fanoutTtl, mcacheLength, mcacheGossip,
        seenTtl, pruneBackoff, unsubscribeBackoff, graftFloodThreshold, gossipFactor, maxIHaveLength,
        maxIHaveMessages, iwantFollowupTime, opportunisticGraftTicks, floodPublish, maxRpcSize,
        maxRpcsPerSecond, maxTopicsPerPeer);
  }

  public GossipParams withMaxRpcsPerSecond(final int max) {
    return new GossipParams(d, dLo, dHi, dLazy, dScore, dOut, heartbeat, fanoutTtl, mcacheLength, mcacheGossip,
        seenTtl, pruneBackoff, unsubscribeBackoff, graftFloodThreshold, gossipFactor, maxIHaveLength,
        maxIHaveMessages, iwantFollowupTime, opportunisticGraftTicks, floodPublish, maxRpcSize,
        max, maxTopicsPerPeer);
  }
}
