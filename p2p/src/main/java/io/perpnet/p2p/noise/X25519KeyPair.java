package io.perpnet.p2p.noise;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An X25519 key pair (Noise's static and ephemeral keys), through BouncyCastle's RFC 7748 code. */
public record X25519KeyPair(byte[] privateKey, byte[] publicKey) {
  public static final int LENGTH = 32;

  public static X25519KeyPair fromPrivate(final byte[] privateKey) {
    if (privateKey.length != LENGTH) {
      throw new IllegalArgumentException("X25519 keys have 32 bytes");
    }
    final byte[] pub = new byte[LENGTH];
    X25519.generatePublicKey(privateKey, 0, pub, 0);
    return new X25519KeyPair(privateKey.clone(), pub);
  }

  public static X25519KeyPair generate(final SecureRandom random) {
    final byte[] priv = new byte[LENGTH];
    X25519.generatePrivateKey(random, priv);
    return fromPrivate(priv);
  }

  /** DH(this, remote); refuses a low-order remote key (an all-zero shared secret). */
  byte[] agree(final byte[] remotePublic) throws NoiseException {
    final byte[] out = new byte[LENGTH];
    if (remotePublic.length != LENGTH || !X25519.calculateAgreement(privateKey, 0, remotePublic, 0, out, 0)) {
      throw new NoiseException("invalid X25519 public key from the peer");
    }
    return out;
  }
}
