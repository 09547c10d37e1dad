package io.perpnet.consensus.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** 32 opaque bytes: a SHA-256 hash, a program id or a match id. Immutable. */
public final class Bytes32 {
  public static final int LENGTH = 32;
  public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

  private final byte[] bytes;

  private Bytes32(final byte[] bytes) {
    this.bytes = bytes;
  }

  public static Bytes32 wrap(final byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  public static Bytes32 fromHex(final String hex) {
    return wrap(HexFormat.of().parseHex(hex));
  }

  /** SHA-256 of {@code data}. */
  public static Bytes32 sha256(final byte[] data) {
    try {
      return new Bytes32(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public void copyTo(final byte[] dst, final int offset) {
    System.arraycopy(bytes, 0, dst, offset, LENGTH);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
