package io.perpnet.p2p.host;

import io.netty.channel.Channel;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.yamux.YamuxSession;

/** A secured, multiplexed connection to one peer. */
public final class Connection {
  /** Who dialled. */
  public enum Direction { INBOUND, OUTBOUND }

  private final PeerId remotePeer;
  private final Multiaddr remoteAddress;
  private final Direction direction;
  private final Channel channel;
  private final YamuxSession session;

  Connection(final PeerId remotePeer, final Multiaddr remoteAddress, final Direction direction,
      final Channel channel, final YamuxSession session) {
    this.remotePeer = remotePeer;
    this.remoteAddress = remoteAddress;
    this.direction = direction;
    this.channel = channel;
    this.session = session;
  }

  public PeerId remotePeer() {
    return remotePeer;
  }

  /** The remote's TCP address (for inbound connections its ephemeral port, not where it listens). */
  public Multiaddr remoteAddress() {
    return remoteAddress;
  }

  public Direction direction() {
    return direction;
  }

  public YamuxSession session() {
    return session;
  }

  public Channel channel() {
    return channel;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** Closes gracefully: GoAway, then the socket. */
  public void close() {
    session.goAway();
  }

  @Override
  public String toString() {
    return direction.name().toLowerCase(java.util.Locale.ROOT) + " " + remotePeer + " " + remoteAddress;
  }
}
