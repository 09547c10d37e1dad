package io.perpnet.node.gossip;

import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.Signed;

/**
 * A check after the consensus rules, for topics whose messages need more than those rules know
 * (prices: the signer must be in the chain's oracle set). Runs on the validation threads.
 */
@FunctionalInterface
public interface GossipScreen {
  GossipScreen NONE = m -> null;

  /** A refusal with its stable reason code; REJECT (the peer scored down) when it is the peer's fault. */
  record Refusal(String reason, boolean peerFault) {}

  /** null to accept. */
  Refusal screen(Signed<Payload> message);
}
