package io.perpnet.p2p.pubsub;

import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlMessage;
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The gossip peers we know, what each is subscribed to, and the limits on what each may make us
 * do: an RPC token bucket ({@link GossipParams#maxRpcsPerSecond()}, an equal burst), at most
 * {@link GossipParams#maxTopicsPerPeer()} subscriptions tracked, and per-heartbeat counters for
 * IHAVE and IWANT. Also the outbox: control messages for a peer gather here and leave in one RPC.
 */
final class PeerTable {
  /** One peer's state. */
  static final class Peer {
    final String protocol;
    final boolean outbound;
    final Set<String> topics = new HashSet<>();
    double tokens;
    long lastRefill;
    int ihavesThisBeat;
    int askedThisBeat;
    /** Messages sent in answer to this peer's IWANTs since the last heartbeat. */
    int servedThisBeat;

    Peer(final String protocol, final boolean outbound) {
      this.protocol = protocol;
      this.outbound = outbound;
    }
  }

  private final GossipParams params;
  private final GossipRouter.Sender sender;
  private final Map<PeerId, Peer> peers = new HashMap<>();
  private final Map<PeerId, ControlMessage.Builder> pendingControl = new HashMap<>();

  PeerTable(final GossipParams params, final GossipRouter.Sender sender) {
    this.params = params;
    this.sender = sender;
  }

  /** False if the peer was known already. */
  boolean add(final PeerId peer, final String protocol, final boolean outbound, final long now) {
    if (peers.containsKey(peer)) {
      return false;
    }
    final Peer s = new Peer(protocol, outbound);
    s.tokens = params.maxRpcsPerSecond();
    s.lastRefill = now;
    peers.put(peer, s);
    return true;
  }

  /** False if the peer was not known. */
  boolean remove(final PeerId peer) {
    pendingControl.remove(peer);
    return peers.remove(peer) != null;
  }

  Peer get(final PeerId peer) {
    return peers.get(peer);
  }

  boolean contains(final PeerId peer) {
    return peers.containsKey(peer);
  }

  Set<PeerId> ids() {
    return peers.keySet();
  }

  void forEach(final BiConsumer<PeerId, Peer> action) {
    peers.forEach(action);
  }

  boolean subscribed(final PeerId peer, final String topic) {
    final Peer s = peers.get(peer);
    return s != null && s.topics.contains(topic);
  }

  Set<PeerId> subscribedTo(final String topic) {
    final Set<PeerId> out = new HashSet<>();
    peers.forEach((p, s) -> {
      if (s.topics.contains(topic)) {
        out.add(p);
      }
    });
    return out;
  }

  /** Takes one RPC token from the peer's bucket; false if it is empty. */
  boolean takeToken(final Peer s, final long now) {
    final long elapsed = now - s.lastRefill;
    if (elapsed > 0) {
      s.tokens = Math.min(params.maxRpcsPerSecond(), s.tokens + elapsed * params.maxRpcsPerSecond() / 1000.0);
      s.lastRefill = now;
    }
    if (s.tokens < 1) {
      return false;
    }
    s.tokens -= 1;
    return true;
  }

  /** Records a subscription, up to the per-peer cap; true if the peer left {@code topic}. */
  boolean onSubscription(final Peer s, final RPC.SubOpts sub) {
    if (sub.getSubscribe()) {
      if (s.topics.size() < params.maxTopicsPerPeer()) {
        s.topics.add(sub.getTopicid());
      }
      return false;
    }
    return s.topics.remove(sub.getTopicid());
  }

  /** A new heartbeat: the per-heartbeat counters start again. */
  void newBeat() {
    for (final Peer s : peers.values()) {
      s.ihavesThisBeat = 0;
      s.askedThisBeat = 0;
      s.servedThisBeat = 0;
    }
  }

  // ---- outbox ----------------------------------------------------------------------------------

  void send(final PeerId peer, final RPC rpc) {
    sender.send(peer, rpc);
  }

  ControlMessage.Builder control(final PeerId peer) {
    return pendingControl.computeIfAbsent(peer, p -> ControlMessage.newBuilder());
  }

  /** Sends the control messages gathered since the last flush, one RPC per peer. */
  void flushControl() {
    if (pendingControl.isEmpty()) {
      return;
    }
    final Map<PeerId, ControlMessage.Builder> batch = new HashMap<>(pendingControl);
    pendingControl.clear();
    batch.forEach((p, c) -> {
      if (peers.containsKey(p)) {
        sender.send(p, RPC.newBuilder().setControl(c).build());
      }
    });
  }
}
