package io.perpnet.consensus.identity;

import java.util.HexFormat;

/**
 * The encodings of Ed25519's points of small order (order 1, 2, 4 or 8), which the Solana
 * runtime's Ed25519 precompile (ed25519-dalek's {@code verify_strict}) refuses as a public key or
 * as a signature's R. Seven y-coordinates, each compared without the sign bit, so their canonical
 * and non-canonical encodings (y = p - 1, p, p + 1) are all caught: the list libsodium uses.
 */
final class SmallOrderPoints {
  private static final byte[][] Y = decode(
      "0000000000000000000000000000000000000000000000000000000000000000", // y = 0 (order 4)
      "0100000000000000000000000000000000000000000000000000000000000000", // y = 1, the identity
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p - 1 (order 2)
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p, non-canonical 0
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"); // y = p + 1, non-canonical 1

  private SmallOrderPoints() {}

  private static byte[][] decode(final String... hex) {
    final byte[][] out = new byte[hex.length][];
    for (int i = 0; i < hex.length; i++) {
      out[i] = HexFormat.of().parseHex(hex[i]);
    }
    return out;
  }

  /** Whether the 32 bytes at {@code offset} encode a point of small order (either sign). */
  static boolean contains(final byte[] encoded, final int offset) {
    for (final byte[] y : Y) {
      boolean same = (encoded[offset + 31] & 0x7f) == y[31];
      for (int i = 0; same && i < 31; i++) {
        same = encoded[offset + i] == y[i];
      }
      if (same) {
        return true;
      }
    }
    return false;
  }
}
