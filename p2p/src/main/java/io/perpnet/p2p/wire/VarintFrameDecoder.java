package io.perpnet.p2p.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits a byte stream into {@code uvarint(length) || body} frames ("length-prefixed protobuf" in
 * libp2p) and passes each body on. A frame longer than {@code maxLength} fails before a byte of it
 * is buffered, so a peer cannot make us allocate beyond the limit.
 */
public final class VarintFrameDecoder extends ByteToMessageDecoder {
  private final int maxLength;

  public VarintFrameDecoder(final int maxLength) {
    this.maxLength = maxLength;
  }

  @Override
  protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) throws Exception {
    while (in.isReadable()) {
      final long length = peekLength(in, maxLength);
      if (length < 0) {
        return;
      }
      final int prefix = UnsignedVarint.encodedLength(length);
      if (in.readableBytes() < prefix + length) {
        return;
      }
      in.skipBytes(prefix);
      out.add(in.readRetainedSlice((int) length));
    }
  }

  /**
   * The length announced at the reader index without consuming it, or -1 if the varint is not
   * complete yet.
   *
   * @throws TooLongFrameException if the length exceeds {@code max} or the varint is malformed
   */
  public static long peekLength(final ByteBuf in, final int max) throws TooLongFrameException {
    long value = 0;
    final int start = in.readerIndex();
    for (int i = 0; i < UnsignedVarint.MAX_BYTES; i++) {
      if (start + i >= in.writerIndex()) {
        return -1;
      }
      final int b = in.getByte(start + i) & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new TooLongFrameException("length prefix is not a minimal varint");
        }
        if (value > max) {
          throw new TooLongFrameException("frame of " + value + " bytes exceeds the limit of " + max);
        }
        return value;
      }
      if (value > max) {
        throw new TooLongFrameException("frame exceeds the limit of " + max + " bytes");
      }
    }
    throw new TooLongFrameException("length prefix longer than " + UnsignedVarint.MAX_BYTES + " bytes");
  }
}
