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
 *
 * <p>Against the Solana runtime's Ed25519 precompile (ed25519-dalek's {@code verify_strict}:
 * canonical S and encodings, no small-order key or R, the cofactorless equation):
 * <ul>
 *   <li>{@link #verify} adds the cheap part of those rules to BouncyCastle's (a key or R of small
 *       order is refused). BouncyCastle checks the cofactored equation, so a signature whose key or
 *       R has a torsion component that does not cancel (never an honest one) verifies here and not
 *       on chain: fine for gossip, where nothing is settled on it.
 *   <li>{@link #verifyAsOnChain} also requires the key and R to have full order, where the two
 *       equations agree: it never accepts a signature the precompile refuses. It costs about one
 *       more verification; use it for the signatures a node settles on (a countersignature, close
 *       terms), so a counterparty cannot hand it one that can never open.
 * </ul>
 * {@code Ed25519ParityTest} checks both on the "Taming the many EdDSAs" edge-case vectors, and
 * the escrow client's {@code Ed25519PrecompileParityTest} runs the same vectors through the
 * runtime's precompile.
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
   * @throws IllegalArgumentException if the length is wrong, the bytes are not a valid point, or
   *     the point has small order (no signature by it could ever be verified on chain)
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
    if (SmallOrderPoints.contains(copy, 0)) {
      throw new IllegalArgumentException("an Ed25519 point of small order, refused as a key: "
          + HexFormat.of().formatHex(copy));
    }
    return new Ed25519PublicKey(copy, point);
  }

  /** Parses a Solana address (base58 of the 32 key bytes). */
  public static Ed25519PublicKey fromAddress(final String base58) {
    return of(Base58.decode(base58));
  }

  /** Verifies {@code signature} over {@code message[offset, offset+length)}. Never throws on bad input. */
  public boolean verify(final byte[] message, final int offset, final int length, final byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_LENGTH || SmallOrderPoints.contains(signature, 0)) {
      return false;
    }
    return Ed25519.verify(signature, 0, point, message, offset, length);
  }

  public boolean verify(final byte[] message, final byte[] signature) {
    return verify(message, 0, message.length, signature);
  }

  /**
   * {@link #verify}, and the key and the signature's R of full order (no torsion component), so
   * the cofactored and cofactorless equations agree: true only for signatures the Solana runtime's
   * Ed25519 precompile accepts.
   */
  public boolean verifyAsOnChain(final byte[] message, final byte[] signature) {
    return verify(message, signature) && Ed25519.validatePublicKeyFull(bytes, 0)
        && Ed25519.validatePublicKeyFull(signature, 0);
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
