package io.perpnet.p2p.pubsub;

import io.perpnet.consensus.identity.PeerId;

/**
 * Peer scoring as the router sees it: events in, a score out (jvm-libp2p's shape). The router
 * reports what peers do (connect, join a mesh, deliver, replay, misbehave) and asks for a score
 * when it decides (mesh membership, gossip, graylisting); {@link PeerScore} implements GossipSub
 * v1.1's P1 to P7. Router thread only.
 */
interface GossipScore {
  double score(PeerId peer, long now);

  void addPeer(PeerId peer, String ip);

  void removePeer(PeerId peer, long now);

  /** {@code peer} joined our mesh for {@code topic}. */
  void graft(PeerId peer, String topic, long now);

  /** {@code peer} left our mesh for {@code topic}. */
  void prune(PeerId peer, String topic);

  /** Misbehaviour outside message validity (P7): rate limits, broken promises, bad frames. */
  void addPenalty(PeerId peer, double count);

  /** A message from {@code from} went to an asynchronous validator. */
  void validating(PeerId from, MessageId id, long now);

  /** The validator's verdict on a message {@code from} sent first. */
  void verdict(PeerId from, MessageId id, String topic, ValidationResult result, long now);

  /** A message failed the signature policy (no id: its id cannot be trusted). */
  void rejected(PeerId from, MessageId id, String topic, long now);

  /** A copy of a message we already have. */
  void duplicate(PeerId from, MessageId id, String topic, long now);

  /** Decays the counters; forgets delivery records older than {@code deliveryTtlMillis}. */
  void decay(long now, long deliveryTtlMillis);
}
