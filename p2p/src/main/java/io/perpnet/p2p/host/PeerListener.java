package io.perpnet.p2p.host;

import io.perpnet.consensus.identity.PeerId;

/** Peer events, called on the connection's event loop; keep them short. */
public interface PeerListener {
  /** The first connection to {@code peer} is ready (secured and multiplexed). */
  default void connected(final PeerId peer, final Connection connection) {}

  /** The last connection to {@code peer} closed. */
  default void disconnected(final PeerId peer) {}

  /** Identify told us about {@code peer}. */
  default void identified(final PeerId peer, final PeerRecord record) {}
}
