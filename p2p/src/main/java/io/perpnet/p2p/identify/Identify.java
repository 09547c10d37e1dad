package io.perpnet.p2p.identify;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.host.Connection;
import io.perpnet.p2p.host.Host;
import io.perpnet.p2p.host.PeerListener;
import io.perpnet.p2p.host.PeerRecord;
import io.perpnet.p2p.identify.pb.IdentifyProtos;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.wire.VarintFrameDecoder;
import io.perpnet.p2p.wire.VarintFrameEncoder;
import io.perpnet.p2p.yamux.YamuxStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identify ({@code /ipfs/id/1.0.0}): on every new connection we ask the peer who it is; when asked we
 * answer with one length-prefixed {@code Identify} message and close our side. Answers whose public
 * key does not match the connection's authenticated peer are dropped; at most 8 KiB are read.
 */
public final class Identify {
  public static final String PROTOCOL = "/ipfs/id/1.0.0";
  public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
  static final int MAX_MESSAGE = 8 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(Identify.class);

  private final Host host;

  private Identify(final Host host) {
    this.host = host;
  }

  /** Answers Identify requests on {@code host} and identifies every peer it connects to. */
  public static Identify install(final Host host) {
    final Identify identify = new Identify(host);
    host.handle(PROTOCOL, (stream, connection, protocol) -> identify.answer(stream, connection));
    host.addListener(new PeerListener() {
      @Override
      public void connected(final PeerId peer, final Connection connection) {
        identify.ask(connection);
      }
    });
    return identify;
  }

  /** Our answer, for a connection whose remote end is at {@code observed}. */
  IdentifyProtos.Identify describe(final Multiaddr observed) {
    final IdentifyProtos.Identify.Builder b = IdentifyProtos.Identify.newBuilder()
        .setProtocolVersion(PROTOCOL_VERSION)
        .setAgentVersion(host.config().agentVersion())
        .setPublicKey(ByteString.copyFrom(host.peerId().publicKeyProtobuf()))
        .setObservedAddr(ByteString.copyFrom(observed.toBytes()))
        .addAllProtocols(new TreeSet<>(host.protocols()));
    for (final Multiaddr a : host.listenAddresses()) {
      b.addListenAddrs(ByteString.copyFrom(a.withoutPeerId().toBytes()));
    }
    return b.build();
  }

  private void answer(final YamuxStream stream, final Connection connection) {
    stream.pipeline().addLast(VarintFrameEncoder.INSTANCE);
    stream.writeAndFlush(Unpooled.wrappedBuffer(describe(connection.remoteAddress()).toByteArray()));
    stream.closeWrite();
  }

  private void ask(final Connection connection) {
    host.newStream(connection, List.of(PROTOCOL), (stream, conn, protocol) -> {
      stream.pipeline().addLast(new VarintFrameDecoder(MAX_MESSAGE));
      stream.pipeline().addLast(new Reader(conn));
      stream.closeWrite();
    }).exceptionally(e -> {
      LOG.debug("identify of {} failed: {}", connection.remotePeer(), e.toString());
      return null;
    });
  }

  /** Reads the peer's answer. */
  private final class Reader extends SimpleChannelInboundHandler<ByteBuf> {
    private final Connection connection;
    private boolean done;

    Reader(final Connection connection) {
      this.connection = connection;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final ByteBuf msg) {
      if (done) {
        return;
      }
      done = true;
      try {
        accept(IdentifyProtos.Identify.parseFrom(ByteBufUtil.getBytes(msg)));
      } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
        LOG.debug("bad identify from {}: {}", connection.remotePeer(), e.getMessage());
      }
      ctx.close();
    }

    private void accept(final IdentifyProtos.Identify id) {
      if (id.hasPublicKey()
          && !PeerId.of(PeerId.keyFromProtobuf(id.getPublicKey().toByteArray())).equals(connection.remotePeer())) {
        throw new IllegalArgumentException("identify key is not the connection's peer");
      }
      final List<Multiaddr> addresses = new ArrayList<>();
      for (final ByteString a : id.getListenAddrsList()) {
        try {
          addresses.add(Multiaddr.fromBytes(a.toByteArray()));
        } catch (IllegalArgumentException e) {
          LOG.debug("ignoring a listen address of {}: {}", connection.remotePeer(), e.getMessage());
        }
      }
      host.identified(new PeerRecord(connection.remotePeer(), addresses, id.getProtocolsList(),
          id.getAgentVersion(), id.getProtocolVersion()));
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
      if (evt instanceof ChannelInputShutdownEvent) {
        ctx.close();
      }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
      LOG.debug("identify stream with {}: {}", connection.remotePeer(), cause.toString());
      ctx.close();
    }
  }
}
