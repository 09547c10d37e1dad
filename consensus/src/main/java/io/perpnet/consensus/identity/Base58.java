package io.perpnet.consensus.identity;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, as used by Solana addresses and libp2p peer ids.
 *
 * <p>Leading zero bytes map to leading '1' characters and back, so the encoding is a bijection
 * between byte strings and canonical texts. Decoding rejects any character outside the alphabet.
 */
public final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  public static String encode(final byte[] input) {
    if (input.length == 0) {
      return "";
    }
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    final byte[] number = Arrays.copyOf(input, input.length);
    final char[] encoded = new char[input.length * 2];
    int out = encoded.length;
    int start = zeros;
    while (start < number.length) {
      encoded[--out] = ALPHABET[divmod(number, start, 256, 58)];
      if (number[start] == 0) {
        start++;
      }
    }
    while (out < encoded.length && encoded[out] == ALPHABET[0]) {
      out++;
    }
    while (--zeros >= 0) {
      encoded[--out] = ALPHABET[0];
    }
    return new String(encoded, out, encoded.length - out);
  }

  /**
   * Decodes a base58 text.
   *
   * @throws IllegalArgumentException naming the first character outside the alphabet
   */
  public static byte[] decode(final String input) {
    if (input.isEmpty()) {
      return new byte[0];
    }
    final byte[] input58 = new byte[input.length()];
    for (int i = 0; i < input.length(); i++) {
      final char c = input.charAt(i);
      final int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException(
            "invalid base58 character '" + c + "' at position " + i);
      }
      input58[i] = (byte) digit;
    }
    int zeros = 0;
    while (zeros < input58.length && input58[zeros] == 0) {
      zeros++;
    }
    final byte[] decoded = new byte[input.length()];
    int out = decoded.length;
    int start = zeros;
    while (start < input58.length) {
      decoded[--out] = divmod(input58, start, 58, 256);
      if (input58[start] == 0) {
        start++;
      }
    }
    while (out < decoded.length && decoded[out] == 0) {
      out++;
    }
    return Arrays.copyOfRange(decoded, out - zeros, decoded.length);
  }

  /** Divides the big-endian number in base {@code base} by {@code divisor} in place; returns the remainder. */
  private static byte divmod(final byte[] number, final int first, final int base, final int divisor) {
    int remainder = 0;
    for (int i = first; i < number.length; i++) {
      final int digit = number[i] & 0xFF;
      final int temp = remainder * base + digit;
      number[i] = (byte) (temp / divisor);
      remainder = temp % divisor;
    }
    return (byte) remainder;
  }
}
