package io.perpnet.p2p.pubsub;

import io.perpnet.consensus.identity.PeerId;
import java.util.Optional;

/**
 * A received gossip message.
 *
 * @param author the signing author under StrictSign; empty under StrictNoSign
 * @param receivedFrom the peer that forwarded it to us
 */
public record PubsubMessage(String topic, byte[] data, Optional<PeerId> author, PeerId receivedFrom, MessageId id) {}
