package io.perpnet.consensus.identity;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An agent's Ed25519 key pair, signing through BouncyCastle's RFC 8032 implementation.
 *
 * <p>The secret is the 32-byte seed of RFC 8032; Solana's 64-byte "secret key" is that seed
 * followed by the public key (see {@link KeyFile}).
 */
public final class Ed25519KeyPair {
  public static final int SEED_LENGTH = 32;

  private final byte[] seed;
  private final byte[] publicKeyBytes;
  private final Ed25519PublicKey publicKey;

  private Ed25519KeyPair(final byte[] seed) {
    this.seed = seed;
    this.publicKeyBytes = new byte[Ed25519PublicKey.LENGTH];
    Ed25519.generatePublicKey(seed, 0, publicKeyBytes, 0);
    this.publicKey = Ed25519PublicKey.of(publicKeyBytes);
  }

  /** Derives the key pair from a 32-byte RFC 8032 seed. */
  public static Ed25519KeyPair fromSeed(final byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
    }
    return new Ed25519KeyPair(seed.clone());
  }

  public static Ed25519KeyPair generate(final SecureRandom random) {
    final byte[] seed = new byte[SEED_LENGTH];
    random.nextBytes(seed);
    return new Ed25519KeyPair(seed);
  }

  public static Ed25519KeyPair generate() {
    return generate(new SecureRandom());
  }

  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** Signs {@code message[offset, offset+length)}; the 64-byte signature is deterministic. */
  public byte[] sign(final byte[] message, final int offset, final int length) {
    final byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
    Ed25519.sign(seed, 0, publicKeyBytes, 0, message, offset, length, signature, 0);
    return signature;
  }

  public byte[] sign(final byte[] message) {
    return sign(message, 0, message.length);
  }

  /** The 32-byte seed (a copy). Handle with care. */
  public byte[] seed() {
    return seed.clone();
  }

  /** Solana's 64-byte secret key layout: seed then public key. */
  public byte[] solanaSecretKey() {
    final byte[] out = Arrays.copyOf(seed, 64);
    System.arraycopy(publicKeyBytes, 0, out, 32, 32);
    return out;
  }

  @Override
  public String toString() {
    return "Ed25519KeyPair[" + publicKey.toAddress() + "]";
  }
}
