package io.perpnet.p2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import java.util.List;

/**
 * Noise transport messages after the handshake: each frame is {@code u16 length || ciphertext},
 * the ciphertext at most 65535 bytes, so one frame carries at most 65519 bytes of plaintext; larger
 * writes are split. A frame that fails authentication closes the connection.
 */
public final class NoiseTransportCodec extends ByteToMessageCodec<ByteBuf> {
  public static final int MAX_PLAINTEXT = XxHandshake.MAX_MESSAGE - CipherState.TAG_LENGTH;
  private static final byte[] NO_AD = new byte[0];

  private final CipherState send;
  private final CipherState receive;

  NoiseTransportCodec(final CipherState send, final CipherState receive) {
    super(ByteBuf.class);
    this.send = send;
    this.receive = receive;
  }

  @Override
  protected void encode(final ChannelHandlerContext ctx, final ByteBuf msg, final ByteBuf out) {
    while (msg.isReadable()) {
      final byte[] plain = new byte[Math.min(msg.readableBytes(), MAX_PLAINTEXT)];
      msg.readBytes(plain);
      final byte[] cipher = send.encryptWithAd(NO_AD, plain);
      out.writeShort(cipher.length);
      out.writeBytes(cipher);
    }
  }

  @Override
  protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) throws NoiseException {
    while (in.readableBytes() >= 2) {
      final int length = in.getUnsignedShort(in.readerIndex());
      if (in.readableBytes() < 2 + length) {
        return;
      }
      in.skipBytes(2);
      final byte[] cipher = new byte[length];
      in.readBytes(cipher);
      out.add(ctx.alloc().buffer(length).writeBytes(receive.decryptWithAd(NO_AD, cipher)));
    }
  }

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    ctx.fireExceptionCaught(cause);
  }
}
