package io.perpnet.sdk.hyperliquid.action;

import java.util.HexFormat;

/** A client order id: 16 bytes, written as 0x and 32 hex digits. */
public record Cloid(byte[] bytes) {
  public Cloid {
    if (bytes.length != 16) {
      throw new IllegalArgumentException("a cloid is 16 bytes, not " + bytes.length);
    }
    bytes = bytes.clone();
  }

  public static Cloid of(final String raw) {
    final String hex = raw.startsWith("0x") ? raw.substring(2) : raw;
    if (hex.length() != 32) {
      throw new IllegalArgumentException("a cloid is 0x and 32 hex digits, not '" + raw + "'");
    }
    return new Cloid(HexFormat.of().parseHex(hex));
  }

  public String raw() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Cloid c && java.util.Arrays.equals(bytes, c.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return raw();
  }
}
