package io.perpnet.p2p.noise;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Noise's CipherState for ChaChaPoly: a 32-byte key and a 64-bit counter; the 96-bit nonce is 4
 * zero bytes then the counter, little-endian. Without a key, "encryption" is the identity.
 * Not thread-safe: one per direction.
 */
public final class CipherState {
  public static final int TAG_LENGTH = 16;

  private byte[] key;
  private long nonce;
  private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();

  void initializeKey(final byte[] k) {
    key = k.clone();
    nonce = 0;
  }

  public boolean hasKey() {
    return key != null;
  }

  public byte[] encryptWithAd(final byte[] ad, final byte[] plaintext) {
    if (key == null) {
      return plaintext.clone();
    }
    final byte[] out = new byte[plaintext.length + TAG_LENGTH];
    try {
      aead.init(true, parameters(ad));
      final int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
      aead.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("encryption cannot fail", e);
    }
    return out;
  }

  /**
   * Decrypts and authenticates; the counter advances only on success.
   *
   * @throws NoiseException if the ciphertext is too short or does not authenticate
   */
  public byte[] decryptWithAd(final byte[] ad, final byte[] ciphertext) throws NoiseException {
    if (key == null) {
      return ciphertext.clone();
    }
    if (ciphertext.length < TAG_LENGTH) {
      throw new NoiseException("ciphertext shorter than its tag");
    }
    final byte[] out = new byte[ciphertext.length - TAG_LENGTH];
    try {
      aead.init(false, parameters(ad));
      final int n = aead.processBytes(ciphertext, 0, ciphertext.length, out, 0);
      aead.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      nonce--; // parameters() advanced it; a failed message does not consume a nonce
      throw new NoiseException("message does not authenticate");
    }
    return out;
  }

  private AEADParameters parameters(final byte[] ad) {
    if (nonce == -1L) {
      throw new IllegalStateException("nonce space exhausted: the session must end");
    }
    final byte[] iv = new byte[12];
    long n = nonce++;
    for (int i = 4; i < 12; i++) {
      iv[i] = (byte) n;
      n >>>= 8;
    }
    return new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, iv, ad);
  }
}
