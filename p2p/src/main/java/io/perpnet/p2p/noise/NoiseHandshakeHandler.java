package io.perpnet.p2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import java.security.SecureRandom;
import java.util.List;

/**
 * Runs the Noise XX handshake on a fresh connection, right after multistream-select chose
 * {@code /noise}. Messages are framed by a 2-byte big-endian length. On success it installs
 * {@link NoiseTransportCodec} in its place and reports the remote's verified peer id; on any
 * failure (bad frame, bad signature, unexpected peer id) it closes the connection.
 *
 * <p>Muxer negotiation is inlined as the spec and js do it: both payloads list {@code /yamux/1.0.0};
 * when the remote's list is empty the caller runs multistream-select for the muxer instead.
 */
public final class NoiseHandshakeHandler extends ByteToMessageDecoder {
  public static final String PROTOCOL = "/noise";

  /** The outcome of a successful handshake. */
  public interface Secured {
    /**
     * Called on the event loop once the transport codec sits after {@code ctx}'s position.
     *
     * @param remoteMuxers the muxers the remote listed in its payload (empty: negotiate with multistream)
     */
    void secured(ChannelHandlerContext codecCtx, PeerId remote, List<String> remoteMuxers);

    void failed(ChannelHandlerContext ctx, String reason);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final XxHandshake.Role role;
  private final Ed25519KeyPair identity;
  private final PeerId expected;
  private final List<String> muxers;
  private final Secured secured;
  private final XxHandshake handshake;
  private HandshakePayloads.Verified remote;
  private boolean done;

  /**
   * @param expected the peer id the dialer expects (null when listening, or when dialling without one)
   * @param muxers the muxers we list in our payload
   */
  public NoiseHandshakeHandler(
      final boolean initiator, final Ed25519KeyPair identity, final PeerId expected,
      final List<String> muxers, final Secured secured) {
    this.role = initiator ? XxHandshake.Role.INITIATOR : XxHandshake.Role.RESPONDER;
    this.identity = identity;
    this.expected = expected;
    this.muxers = List.copyOf(muxers);
    this.secured = secured;
    this.handshake = new XxHandshake(role, X25519KeyPair.generate(RANDOM), X25519KeyPair.generate(RANDOM));
  }

  @Override
  public void handlerAdded(final ChannelHandlerContext ctx) {
    if (role == XxHandshake.Role.INITIATOR) {
      try {
        send(ctx, handshake.writeMessage(new byte[0]));
      } catch (NoiseException e) {
        fail(ctx, e.getMessage());
      }
    }
  }

  @Override
  protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
    while (!done && in.readableBytes() >= 2) {
      final int length = in.getUnsignedShort(in.readerIndex());
      if (in.readableBytes() < 2 + length) {
        return;
      }
      in.skipBytes(2);
      final byte[] message = new byte[length];
      in.readBytes(message);
      try {
        step(ctx, message);
      } catch (NoiseException e) {
        fail(ctx, e.getMessage());
        return;
      }
    }
  }

  private void step(final ChannelHandlerContext ctx, final byte[] message) throws NoiseException {
    final byte[] payload = handshake.readMessage(message);
    if (role == XxHandshake.Role.RESPONDER && !handshake.isComplete()) {
      // message 1 carries only the initiator's ephemeral key; its payload is ignored
      send(ctx, handshake.writeMessage(ourPayload()));
      return;
    }
    remote = HandshakePayloads.verify(payload, handshake.remoteStatic());
    if (expected != null && !expected.equals(remote.peerId())) {
      throw new NoiseException("dialled " + expected + " but the remote is " + remote.peerId());
    }
    if (role == XxHandshake.Role.INITIATOR) {
      send(ctx, handshake.writeMessage(ourPayload()));
    }
    complete(ctx);
  }

  private byte[] ourPayload() {
    return HandshakePayloads.create(identity, handshake.staticKey().publicKey(), muxers);
  }

  private void complete(final ChannelHandlerContext ctx) {
    done = true;
    final XxHandshake.Transport transport = handshake.split();
    final String name = ctx.name() + "-transport";
    ctx.pipeline().addAfter(ctx.name(), name, new NoiseTransportCodec(transport.send(), transport.receive()));
    secured.secured(ctx.pipeline().context(name), remote.peerId(), remote.muxers());
    ctx.pipeline().remove(this);
  }

  private void send(final ChannelHandlerContext ctx, final byte[] message) {
    final ByteBuf frame = ctx.alloc().buffer(2 + message.length);
    frame.writeShort(message.length);
    frame.writeBytes(message);
    ctx.writeAndFlush(frame);
  }

  private void fail(final ChannelHandlerContext ctx, final String reason) {
    done = true;
    secured.failed(ctx, "noise: " + reason);
    ctx.close();
  }
}
