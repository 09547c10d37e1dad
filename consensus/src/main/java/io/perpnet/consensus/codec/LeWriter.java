package io.perpnet.consensus.codec;

import io.perpnet.consensus.identity.Ed25519PublicKey;

/** Writes little-endian fields into a fixed-size buffer, front to back. */
public final class LeWriter {
  private final byte[] buf;
  private int pos;

  public LeWriter(final int length) {
    this.buf = new byte[length];
  }

  public LeWriter bytes(final byte[] src) {
    System.arraycopy(src, 0, buf, pos, src.length);
    pos += src.length;
    return this;
  }

  public LeWriter u8(final int v) {
    buf[pos++] = (byte) v;
    return this;
  }

  public LeWriter u16(final int v) {
    buf[pos++] = (byte) v;
    buf[pos++] = (byte) (v >>> 8);
    return this;
  }

  public LeWriter u32(final int v) {
    for (int i = 0; i < 4; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  public LeWriter u64(final long v) {
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  public LeWriter key(final Ed25519PublicKey key) {
    key.copyTo(buf, pos);
    pos += Ed25519PublicKey.LENGTH;
    return this;
  }

  public LeWriter b32(final Bytes32 value) {
    value.copyTo(buf, pos);
    pos += Bytes32.LENGTH;
    return this;
  }

  public LeWriter zeros(final int n) {
    pos += n;
    return this;
  }

  /** The filled buffer; fails if the layout did not fill it exactly (a bug, not bad input). */
  public byte[] done() {
    if (pos != buf.length) {
      throw new IllegalStateException("layout wrote " + pos + " of " + buf.length + " bytes");
    }
    return buf;
  }
}
