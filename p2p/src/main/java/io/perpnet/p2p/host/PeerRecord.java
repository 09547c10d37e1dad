package io.perpnet.p2p.host;

import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.util.List;

/** What we know of a peer: where it listens and, after Identify, what it speaks. */
public record PeerRecord(
    PeerId peer, List<Multiaddr> addresses, List<String> protocols, String agentVersion, String protocolVersion) {
  public PeerRecord {
    addresses = List.copyOf(addresses);
    protocols = List.copyOf(protocols);
  }

  static PeerRecord empty(final PeerId peer) {
    return new PeerRecord(peer, List.of(), List.of(), "", "");
  }
}
