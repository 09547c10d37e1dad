package io.perpnet.consensus.identity;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key: the agent's Solana address, the key inside its libp2p PeerId and the
 * signer of its messages.
 *
 * <p>The decompressed curve point is computed once, when the key is created, so repeated
 * verifications against the same key skip the point decompression that dominates a cold verify.
 * Instances are immutable and safe to share between threads.
 */
public final class Ed25519PublicKey {
  public static final int LENGTH = 32;
  public static final int SIGNATURE_LENGTH = 64;

  private final byte[] bytes;
  private final Ed25519.PublicPoint point;

  private Ed25519PublicKey(final byte[] bytes, final Ed25519.PublicPoint point) {
    this.bytes = bytes;
    this.point = point;
  }

  /**
   * Wraps 32 bytes as a public key.
   *
   * @throws IllegalArgumentException if the length is wrong or the bytes are not a valid point
   */
  public static Ed25519PublicKey of(final byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 public key has 32 bytes, got " + bytes.length);
    }
    final byte[] copy = bytes.clone();
    final Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(copy, 0);
    if (point == null) {
      throw new IllegalArgumentException("not a valid Ed25519 point: " + HexFormat.of().formatHex(copy));
    }
    return new Ed25519PublicKey(copy, point);
  }

  /** Parses a Solana address (base58 of the 32 key bytes). */
  public static Ed25519PublicKey fromAddress(final String base58) {
    return of(Base58.decode(base58));
  }

  /** Verifies {@code signature} over {@code message[offset, offset+length)}. Never throws on bad input. */
  public boolean verify(final byte[] message, final int offset, final int length, final byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    return Ed25519.verify(signature, 0, point, message, offset, length);
  }

  public boolean verify(final byte[] message, final byte[] signature) {
    return verify(message, 0, message.length, signature);
  }

  /** The 32 raw bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the key into {@code dst} at {@code offset}, without allocating. */
  public void copyTo(final byte[] dst, final int offset) {
    System.arraycopy(bytes, 0, dst, offset, LENGTH);
  }

  /** The Solana address: base58 of the 32 key bytes. */
  public String toAddress() {
    return Base58.encode(bytes);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toAddress();
  }
}
