package io.perpnet.p2p.pubsub;

import java.time.Duration;

/**
 * GossipSub router parameters (spec defaults, as js uses them). Build with {@link #builder()}: every
 * parameter has a named default.
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
 * @param maxValidatingPerPeer messages of one peer waiting for their validator's verdict; more are
 *     dropped as throttled
 * @param maxValidating messages of all peers waiting for a verdict
 */
public record GossipParams(
    int d,
    int dLo,
    int dHi,
    int dLazy,
    int dScore,
    int dOut,
    Duration heartbeat,
    Duration fanoutTtl,
    int mcacheLength,
    int mcacheGossip,
    Duration seenTtl,
    Duration pruneBackoff,
    Duration unsubscribeBackoff,
    Duration graftFloodThreshold,
    double gossipFactor,
    int maxIHaveLength,
    int maxIHaveMessages,
    Duration iwantFollowupTime,
    int opportunisticGraftTicks,
    boolean floodPublish,
    int maxRpcSize,
    int maxRpcsPerSecond,
    int maxTopicsPerPeer,
    int maxValidatingPerPeer,
    int maxValidating) {

  public GossipParams {
    if (!(dOut < dLo && dLo <= d && d <= dHi && dOut <= d / 2 && mcacheGossip <= mcacheLength)) {
      throw new IllegalArgumentException("need dOut < dLo <= d <= dHi, dOut <= d/2 and mcacheGossip <= mcacheLength");
    }
    if (maxValidatingPerPeer < 1 || maxValidating < maxValidatingPerPeer) {
      throw new IllegalArgumentException("need 1 <= maxValidatingPerPeer <= maxValidating");
    }
  }

  public static GossipParams defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    final Builder b = new Builder();
    b.d = d;
    b.dLo = dLo;
    b.dHi = dHi;
    b.dLazy = dLazy;
    b.dScore = dScore;
    b.dOut = dOut;
    b.heartbeat = heartbeat;
    b.fanoutTtl = fanoutTtl;
    b.mcacheLength = mcacheLength;
    b.mcacheGossip = mcacheGossip;
    b.seenTtl = seenTtl;
    b.pruneBackoff = pruneBackoff;
    b.unsubscribeBackoff = unsubscribeBackoff;
    b.graftFloodThreshold = graftFloodThreshold;
    b.gossipFactor = gossipFactor;
    b.maxIHaveLength = maxIHaveLength;
    b.maxIHaveMessages = maxIHaveMessages;
    b.iwantFollowupTime = iwantFollowupTime;
    b.opportunisticGraftTicks = opportunisticGraftTicks;
    b.floodPublish = floodPublish;
    b.maxRpcSize = maxRpcSize;
    b.maxRpcsPerSecond = maxRpcsPerSecond;
    b.maxTopicsPerPeer = maxTopicsPerPeer;
    b.maxValidatingPerPeer = maxValidatingPerPeer;
    b.maxValidating = maxValidating;
    return b;
  }

  public GossipParams withHeartbeat(final Duration interval) {
    return toBuilder().heartbeat(interval).build();
  }

  public GossipParams withMaxRpcsPerSecond(final int max) {
    return toBuilder().maxRpcsPerSecond(max).build();
  }

  /** Named parameters with the spec's defaults; {@link #build()} checks them. */
  public static final class Builder {
    private int d = 6;
    private int dLo = 4;
    private int dHi = 12;
    private int dLazy = 6;
    private int dScore = 4;
    private int dOut = 2;
    private Duration heartbeat = Duration.ofSeconds(1);
    private Duration fanoutTtl = Duration.ofSeconds(60);
    private int mcacheLength = 5;
    private int mcacheGossip = 3;
    private Duration seenTtl = Duration.ofSeconds(120);
    private Duration pruneBackoff = Duration.ofSeconds(60);
    private Duration unsubscribeBackoff = Duration.ofSeconds(10);
    private Duration graftFloodThreshold = Duration.ofSeconds(10);
    private double gossipFactor = 0.25;
    private int maxIHaveLength = 5000;
    private int maxIHaveMessages = 10;
    private Duration iwantFollowupTime = Duration.ofSeconds(3);
    private int opportunisticGraftTicks = 60;
    private boolean floodPublish = true;
    private int maxRpcSize = 1024 * 1024;
    private int maxRpcsPerSecond = 10_000;
    private int maxTopicsPerPeer = 1000;
    private int maxValidatingPerPeer = 1024;
    private int maxValidating = 16_384;

    private Builder() {}

    public Builder d(final int v) {
      d = v;
      return this;
    }

    public Builder dLo(final int v) {
      dLo = v;
      return this;
    }

    public Builder dHi(final int v) {
      dHi = v;
      return this;
    }

    public Builder dLazy(final int v) {
      dLazy = v;
      return this;
    }

    public Builder dScore(final int v) {
      dScore = v;
      return this;
    }

    public Builder dOut(final int v) {
      dOut = v;
      return this;
    }

    public Builder heartbeat(final Duration v) {
      heartbeat = v;
      return this;
    }

    public Builder fanoutTtl(final Duration v) {
      fanoutTtl = v;
      return this;
    }

    public Builder mcacheLength(final int v) {
      mcacheLength = v;
      return this;
    }

    public Builder mcacheGossip(final int v) {
      mcacheGossip = v;
      return this;
    }

    public Builder seenTtl(final Duration v) {
      seenTtl = v;
      return this;
    }

    public Builder pruneBackoff(final Duration v) {
      pruneBackoff = v;
      return this;
    }

    public Builder unsubscribeBackoff(final Duration v) {
      unsubscribeBackoff = v;
      return this;
    }

    public Builder graftFloodThreshold(final Duration v) {
      graftFloodThreshold = v;
      return this;
    }

    public Builder gossipFactor(final double v) {
      gossipFactor = v;
      return this;
    }

    public Builder maxIHaveLength(final int v) {
      maxIHaveLength = v;
      return this;
    }

    public Builder maxIHaveMessages(final int v) {
      maxIHaveMessages = v;
      return this;
    }

    public Builder iwantFollowupTime(final Duration v) {
      iwantFollowupTime = v;
      return this;
    }

    public Builder opportunisticGraftTicks(final int v) {
      opportunisticGraftTicks = v;
      return this;
    }

    public Builder floodPublish(final boolean v) {
      floodPublish = v;
      return this;
    }

    public Builder maxRpcSize(final int v) {
      maxRpcSize = v;
      return this;
    }

    public Builder maxRpcsPerSecond(final int v) {
      maxRpcsPerSecond = v;
      return this;
    }

    public Builder maxTopicsPerPeer(final int v) {
      maxTopicsPerPeer = v;
      return this;
    }

    public Builder maxValidatingPerPeer(final int v) {
      maxValidatingPerPeer = v;
      return this;
    }

    public Builder maxValidating(final int v) {
      maxValidating = v;
      return this;
    }

    public GossipParams build() {
      return new GossipParams(d, dLo, dHi, dLazy, dScore, dOut, heartbeat, fanoutTtl, mcacheLength, mcacheGossip,
          seenTtl, pruneBackoff, unsubscribeBackoff, graftFloodThreshold, gossipFactor, maxIHaveLength,
          maxIHaveMessages, iwantFollowupTime, opportunisticGraftTicks, floodPublish, maxRpcSize, maxRpcsPerSecond,
          maxTopicsPerPeer, maxValidatingPerPeer, maxValidating);
    }
  }
}
