package io.perpnet.p2p.yamux;

/**
 * A Yamux frame header (spec: yamux/README.md): 12 bytes, big-endian.
 *
 * <pre>
 * offset size field
 *  0     1    version   0
 *  1     1    type      0 Data, 1 WindowUpdate, 2 Ping, 3 GoAway
 *  2     2    flags     SYN 0x1, ACK 0x2, FIN 0x4, RST 0x8
 *  4     4    streamId  dialer's streams odd, listener's even; 0 for Ping and GoAway
 *  8     4    length    Data: payload bytes that follow; WindowUpdate: window delta;
 *                       Ping: opaque value; GoAway: code (0 normal, 1 protocol error, 2 internal error)
 * </pre>
 */
public record YamuxHeader(Type type, int flags, int streamId, int length) {
  public static final int LENGTH = 12;
  public static final int SYN = 0x1;
  public static final int ACK = 0x2;
  public static final int FIN = 0x4;
  public static final int RST = 0x8;

  /** Frame types. */
  public enum Type { DATA, WINDOW_UPDATE, PING, GO_AWAY }

  public byte[] encode() {
    final byte[] out = new byte[LENGTH];
    out[1] = (byte) type.ordinal();
    out[2] = (byte) (flags >>> 8);
    out[3] = (byte) flags;
    putInt(out, 4, streamId);
    putInt(out, 8, length);
    return out;
  }

  /** Length as the unsigned 32-bit value it is on the wire. */
  public long unsignedLength() {
    return Integer.toUnsignedLong(length);
  }

  /**
   * Decodes and checks a header: version 0, a known type, no flags beyond the four, Ping and
   * GoAway on stream 0 only, Data and WindowUpdate never on stream 0.
   *
   * @throws YamuxException with the violation (the session answers GoAway 1 and closes)
   */
  public static YamuxHeader decode(final byte[] b, final int offset) throws YamuxException {
    if (b[offset] != 0) {
      throw new YamuxException("unsupported yamux version " + (b[offset] & 0xFF));
    }
    final int t = b[offset + 1] & 0xFF;
    if (t > 3) {
      throw new YamuxException("unknown frame type " + t);
    }
    final int flags = ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    if ((flags & ~0xF) != 0) {
      throw new YamuxException("unknown flags 0x" + Integer.toHexString(flags));
    }
    final Type type = Type.values()[t];
    final int stream = getInt(b, offset + 4);
    final boolean session = type == Type.PING || type == Type.GO_AWAY;
    if (session != (stream == 0)) {
      throw new YamuxException(type + " frame on stream " + Integer.toUnsignedString(stream));
    }
    return new YamuxHeader(type, flags, stream, getInt(b, offset + 8));
  }

  private static void putInt(final byte[] out, final int at, final int v) {
    out[at] = (byte) (v >>> 24);
    out[at + 1] = (byte) (v >>> 16);
    out[at + 2] = (byte) (v >>> 8);
    out[at + 3] = (byte) v;
  }

  private static int getInt(final byte[] b, final int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }
}
