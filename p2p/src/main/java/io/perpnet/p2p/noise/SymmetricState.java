package io.perpnet.p2p.noise;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** Noise's SymmetricState (chaining key, handshake hash, CipherState) for Noise_XX_25519_ChaChaPoly_SHA256. */
final class SymmetricState {
  static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";

  private byte[] ck;
  private byte[] h;
  private final CipherState cipher = new CipherState();

  /** The protocol name is exactly 32 bytes, so h starts as the name itself; the prologue is empty. */
  SymmetricState() {
    h = PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII);
    ck = h.clone();
    mixHash(new byte[0]);
  }

  void mixKey(final byte[] ikm) {
    final byte[][] out = hkdf(ck, ikm);
    ck = out[0];
    cipher.initializeKey(out[1]);
  }

  void mixHash(final byte[] data) {
    final SHA256Digest d = new SHA256Digest();
    d.update(h, 0, h.length);
    d.update(data, 0, data.length);
    final byte[] out = new byte[32];
    d.doFinal(out, 0);
    h = out;
  }

  byte[] encryptAndHash(final byte[] plaintext) {
    final byte[] ct = cipher.encryptWithAd(h, plaintext);
    mixHash(ct);
    return ct;
  }

  byte[] decryptAndHash(final byte[] ciphertext) throws NoiseException {
    final byte[] pt = cipher.decryptWithAd(h, ciphertext);
    mixHash(ciphertext);
    return pt;
  }

  boolean hasKey() {
    return cipher.hasKey();
  }

  /** Two transport CipherStates: initiator-to-responder, then responder-to-initiator. */
  CipherState[] split() {
    final byte[][] keys = hkdf(ck, new byte[0]);
    final CipherState first = new CipherState();
    final CipherState second = new CipherState();
    first.initializeKey(keys[0]);
    second.initializeKey(keys[1]);
    return new CipherState[] {first, second};
  }

  byte[] handshakeHash() {
    return h.clone();
  }

  /** HKDF with two outputs: t = HMAC(ck, ikm); o1 = HMAC(t, 0x01); o2 = HMAC(t, o1 || 0x02). */
  private static byte[][] hkdf(final byte[] chainingKey, final byte[] ikm) {
    final byte[] temp = hmac(chainingKey, ikm);
    final byte[] o1 = hmac(temp, new byte[] {1});
    final byte[] in2 = new byte[33];
    System.arraycopy(o1, 0, in2, 0, 32);
    in2[32] = 2;
    return new byte[][] {o1, hmac(temp, in2)};
  }

  private static byte[] hmac(final byte[] key, final byte[] data) {
    final HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    final byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }
}
