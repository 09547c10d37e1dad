package io.perpnet.p2p.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Prefixes every outbound buffer with its length as an unsigned varint. */
@Sharable
public final class VarintFrameEncoder extends MessageToMessageEncoder<ByteBuf> {
  public static final VarintFrameEncoder INSTANCE = new VarintFrameEncoder();

  private VarintFrameEncoder() {
    super(ByteBuf.class);
  }

  @Override
  protected void encode(final ChannelHandlerContext ctx, final ByteBuf msg, final List<Object> out) {
    final int length = msg.readableBytes();
    final ByteBuf prefix = ctx.alloc().buffer(UnsignedVarint.encodedLength(length));
    long v = length;
    while (v >= 0x80) {
      prefix.writeByte((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    prefix.writeByte((int) v);
    out.add(prefix);
    out.add(msg.retain());
  }
}
