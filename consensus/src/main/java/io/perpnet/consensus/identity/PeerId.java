package io.perpnet.consensus.identity;

import java.util.Arrays;
import java.util.Locale;

/**
 * A libp2p peer id for an Ed25519 key: the identity multihash of the key's protobuf encoding.
 *
 * <pre>
 * PublicKey protobuf  = 08 01 12 20 || 32 key bytes      (KeyType = Ed25519 (1), Data = key)
 * peer id multihash   = 00 24 || PublicKey protobuf       (identity hash, 36 bytes of digest)
 * text, legacy form   = base58btc(multihash)              "12D3KooW..."
 * text, CIDv1 form    = "b" || base32-lower-nopad(01 72 || multihash)   (cid v1, libp2p-key codec)
 * </pre>
 *
 * Both text forms are parsed; {@link #toString()} gives the base58 form that libp2p prints.
 */
public final class PeerId {
  private static final byte[] ED25519_KEY_PROTOBUF_PREFIX = {0x08, 0x01, 0x12, 0x20};
  private static final int IDENTITY_MULTIHASH = 0x00;
  private static final int CID_V1 = 0x01;
  private static final int LIBP2P_KEY_CODEC = 0x72;
  private static final int MULTIHASH_LENGTH = 2 + 4 + Ed25519PublicKey.LENGTH;

  private final byte[] multihash;
  private final Ed25519PublicKey publicKey;

  private PeerId(final byte[] multihash, final Ed25519PublicKey publicKey) {
    this.multihash = multihash;
    this.publicKey = publicKey;
  }

  public static PeerId of(final Ed25519PublicKey key) {
    final byte[] mh = new byte[MULTIHASH_LENGTH];
    mh[0] = IDENTITY_MULTIHASH;
    mh[1] = (byte) (4 + Ed25519PublicKey.LENGTH);
    System.arraycopy(ED25519_KEY_PROTOBUF_PREFIX, 0, mh, 2, 4);
    key.copyTo(mh, 6);
    return new PeerId(mh, key);
  }

  /** The protobuf {@code PublicKey} message for this peer's key (as sent in Noise and Identify). */
  public byte[] publicKeyProtobuf() {
    return Arrays.copyOfRange(multihash, 2, multihash.length);
  }

  /** Parses a {@code PublicKey} protobuf that carries an Ed25519 key. */
  public static Ed25519PublicKey keyFromProtobuf(final byte[] protobuf) {
    if (protobuf.length != 4 + Ed25519PublicKey.LENGTH
        || !Arrays.equals(protobuf, 0, 4, ED25519_KEY_PROTOBUF_PREFIX, 0, 4)) {
      throw new IllegalArgumentException("not an Ed25519 PublicKey protobuf (only Ed25519 keys are supported)");
    }
    return Ed25519PublicKey.of(Arrays.copyOfRange(protobuf, 4, protobuf.length));
  }

  /** Parses the multihash bytes of a peer id (identity multihash of an Ed25519 key). */
  public static PeerId fromMultihash(final byte[] mh) {
    if (mh.length != MULTIHASH_LENGTH || mh[0] != IDENTITY_MULTIHASH || mh[1] != MULTIHASH_LENGTH - 2) {
      throw new IllegalArgumentException(
          "not an identity multihash of an Ed25519 key (only Ed25519 peer ids are supported)");
    }
    final Ed25519PublicKey key = keyFromProtobuf(Arrays.copyOfRange(mh, 2, mh.length));
    return new PeerId(mh.clone(), key);
  }

  /**
   * Parses either text form: base58btc ("12D3KooW...") or a CIDv1 in base32 ("bafz...").
   *
   * @throws IllegalArgumentException with the reason the text is not a supported peer id
   */
  public static PeerId parse(final String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty peer id");
    }
    if (text.charAt(0) == 'b' || text.charAt(0) == 'B') {
      final byte[] cid = Base32.decode(text.substring(1).toLowerCase(Locale.ROOT));
      if (cid.length < 2 || cid[0] != CID_V1 || (cid[1] & 0xFF) != LIBP2P_KEY_CODEC) {
        throw new IllegalArgumentException("not a CIDv1 with the libp2p-key codec: " + text);
      }
      return fromMultihash(Arrays.copyOfRange(cid, 2, cid.length));
    }
    return fromMultihash(Base58.decode(text));
  }

  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  public byte[] multihash() {
    return multihash.clone();
  }

  public String toBase58() {
    return Base58.encode(multihash);
  }

  public String toCidV1() {
    final byte[] cid = new byte[multihash.length + 2];
    cid[0] = CID_V1;
    cid[1] = LIBP2P_KEY_CODEC;
    System.arraycopy(multihash, 0, cid, 2, multihash.length);
    return "b" + Base32.encode(cid);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof PeerId other && Arrays.equals(multihash, other.multihash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(multihash);
  }

  @Override
  public String toString() {
    return toBase58();
  }

  /** RFC 4648 base32, lower case, no padding: the multibase 'b' alphabet. */
  static final class Base32 {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private Base32() {}

    static String encode(final byte[] data) {
      final StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
      int buffer = 0;
      int bits = 0;
      for (final byte b : data) {
        buffer = (buffer << 8) | (b & 0xFF);
        bits += 8;
        while (bits >= 5) {
          out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
          bits -= 5;
        }
      }
      if (bits > 0) {
        out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
      }
      return out.toString();
    }

    static byte[] decode(final String text) {
      final byte[] out = new byte[text.length() * 5 / 8];
      int buffer = 0;
      int bits = 0;
      int n = 0;
      for (int i = 0; i < text.length(); i++) {
        final int value = ALPHABET.indexOf(text.charAt(i));
        if (value < 0) {
          throw new IllegalArgumentException("invalid base32 character '" + text.charAt(i) + "' at position " + i);
        }
        buffer = (buffer << 5) | value;
        bits += 5;
        if (bits >= 8) {
          out[n++] = (byte) (buffer >>> (bits - 8));
          bits -= 8;
        }
      }
      if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
        throw new IllegalArgumentException("non-canonical base32 padding bits");
      }
      return out;
    }
  }
}
