package io.perpnet.p2p.host;

import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known peers and their addresses (without the {@code /p2p} suffix). Addresses come from dials,
 * bootstrap lists and Identify; the number per peer is capped so a peer cannot flood the book.
 */
public final class AddressBook {
  static final int MAX_ADDRESSES_PER_PEER = 16;
  static final int MAX_PEERS = 10_000;

  private final Map<PeerId, PeerRecord> records = new ConcurrentHashMap<>();

  /** Adds addresses to what we know of {@code peer}. */
  public void addAddresses(final PeerId peer, final List<Multiaddr> addresses) {
    if (records.size() >= MAX_PEERS && !records.containsKey(peer)) {
      return;
    }
    records.compute(peer, (p, old) -> {
      final PeerRecord r = old == null ? PeerRecord.empty(p) : old;
      final List<Multiaddr> merged = new ArrayList<>(r.addresses());
      for (final Multiaddr a : addresses) {
        final Multiaddr bare = a.withoutPeerId();
        if (!merged.contains(bare) && merged.size() < MAX_ADDRESSES_PER_PEER) {
          merged.add(bare);
        }
      }
      return new PeerRecord(p, merged, r.protocols(), r.agentVersion(), r.protocolVersion());
    });
  }

  /** Records what Identify reported, replacing earlier protocols and versions. */
  void identified(final PeerRecord identified) {
    addAddresses(identified.peer(), identified.addresses());
    records.computeIfPresent(identified.peer(), (p, r) -> new PeerRecord(
        p, r.addresses(), identified.protocols(), identified.agentVersion(), identified.protocolVersion()));
  }

  public Optional<PeerRecord> get(final PeerId peer) {
    return Optional.ofNullable(records.get(peer));
  }

  public List<Multiaddr> addresses(final PeerId peer) {
    final PeerRecord r = records.get(peer);
    return r == null ? List.of() : r.addresses();
  }

  public List<PeerId> peers() {
    return List.copyOf(records.keySet());
  }
}
