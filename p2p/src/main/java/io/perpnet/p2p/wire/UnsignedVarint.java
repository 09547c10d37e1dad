package io.perpnet.p2p.wire;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128 as multiformats uses it (multistream lengths, multiaddr codes, length-prefixed
 * protobufs): 7 bits per byte, least significant group first, high bit set on every byte but the
 * last. Decoding requires the minimal encoding and at most 9 bytes (63 bits), per the spec.
 */
public final class UnsignedVarint {
  public static final int MAX_BYTES = 9;

  private UnsignedVarint() {}

  /** A decoded value and how many bytes it took. */
  public record Decoded(long value, int length) {}

  public static byte[] encode(final long value) {
    if (value < 0) {
      throw new IllegalArgumentException("unsigned varints here hold 0..2^63-1");
    }
    final ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_BYTES);
    write(value, out);
    return out.toByteArray();
  }

  public static void write(final long value, final ByteArrayOutputStream out) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  public static int encodedLength(final long value) {
    int n = 1;
    for (long v = value >>> 7; v != 0; v >>>= 7) {
      n++;
    }
    return n;
  }

  /**
   * Decodes the varint at {@code data[offset..limit)}.
   *
   * @return the value and its length, or null if the bytes end before the varint does
   * @throws VarintException if it is longer than 9 bytes or not minimally encoded
   */
  public static Decoded decode(final byte[] data, final int offset, final int limit) throws VarintException {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (offset + i >= limit) {
        return null;
      }
      final int b = data[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new VarintException("varint is not minimally encoded");
        }
        return new Decoded(value, i + 1);
      }
    }
    throw new VarintException("varint longer than " + MAX_BYTES + " bytes");
  }

  /** A malformed varint. */
  public static final class VarintException extends Exception {
    public VarintException(final String message) {
      super(message);
    }
  }
}
