package io.perpnet.p2p.pubsub;

import java.time.Duration;

/**
 * Per-topic score parameters (P1 to P4). Counters decay by their factor every decay interval.
 *
 * @param topicWeight multiplies the topic's sum
 * @param timeInMeshWeight P1 weight, per quantum in the mesh, capped
 * @param firstMessageDeliveriesWeight P2 weight, per first delivery of a valid message, capped
 * @param meshMessageDeliveriesWeight P3 weight (negative): deficit squared below the threshold,
 *     once the peer has been in the mesh for the activation time
 * @param meshFailurePenaltyWeight P3b weight (negative): the deficit squared, remembered at prune
 * @param invalidMessageDeliveriesWeight P4 weight (negative): invalid messages squared
 */
public record TopicScoreParams(
    double topicWeight,
    double timeInMeshWeight, Duration timeInMeshQuantum, double timeInMeshCap,
    double firstMessageDeliveriesWeight, double firstMessageDeliveriesDecay, double firstMessageDeliveriesCap,
    double meshMessageDeliveriesWeight, double meshMessageDeliveriesDecay, double meshMessageDeliveriesCap,
    double meshMessageDeliveriesThreshold, Duration meshMessageDeliveriesWindow,
    Duration meshMessageDeliveriesActivation,
    double meshFailurePenaltyWeight, double meshFailurePenaltyDecay,
    double invalidMessageDeliveriesWeight, double invalidMessageDeliveriesDecay) {

  public TopicScoreParams {
    if (timeInMeshWeight < 0 || firstMessageDeliveriesWeight < 0 || meshMessageDeliveriesWeight > 0
        || meshFailurePenaltyWeight > 0 || invalidMessageDeliveriesWeight > 0) {
      throw new IllegalArgumentException("P1 and P2 weights must be >= 0, P3, P3b and P4 weights <= 0");
    }
  }

  /**
   * Our defaults: a little credit for time in mesh and first deliveries, a heavy penalty for invalid
   * messages (three rejected messages take a peer below the graylist threshold), and no
   * mesh-delivery deficit penalty (P3), which misfires on quiet topics.
   */
  public static TopicScoreParams defaults() {
    return new TopicScoreParams(1,
        0.0028, Duration.ofSeconds(1), 3600,
        1, 0.5, 10,
        0, 0.5, 10, 1, Duration.ofMillis(50), Duration.ofSeconds(30),
        0, 0.5,
        -10, 0.99);
  }
}
