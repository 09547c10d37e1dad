package io.perpnet.consensus.codec;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.Rejection;
import io.perpnet.consensus.validation.RejectedException;
import java.util.Arrays;

/**
 * Reads little-endian fields from a buffer whose total length the caller has already checked
 * against the layout (check, then read, advance, validate). Field-level checks that can fail on
 * hostile input (an invalid curve point, a value above 2^63 - 1, non-zero reserved bytes) throw
 * {@link RejectedException} with the precise reason; nothing else is thrown.
 */
public final class LeReader {
  private final byte[] buf;
  private int pos;

  public LeReader(final byte[] buf, final int offset) {
    this.buf = buf;
    this.pos = offset;
  }

  public int position() {
    return pos;
  }

  public int u8() {
    return buf[pos++] & 0xFF;
  }

  public int u16() {
    final int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }

  /** A u32 as a Java int holding the same 32 bits (use {@link Integer#toUnsignedLong} for the value). */
  public int u32() {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (buf[pos++] & 0xFF) << (8 * i);
    }
    return v;
  }

  public int i32() {
    return u32();
  }

  /** A u64 that must fit in 63 bits, the range every amount in the protocol is limited to. */
  public long amount(final String field) throws RejectedException {
    final long v = raw64();
    if (v < 0) {
      throw new RejectedException(Rejection.VALUE_OUT_OF_RANGE, field + " exceeds 2^63-1");
    }
    return v;
  }

  /** A u64 taken bit for bit (nonces, timestamps are also limited to 63 bits by {@link #amount}). */
  public long raw64() {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (buf[pos++] & 0xFFL) << (8 * i);
    }
    return v;
  }

  public Bytes32 b32() {
    final Bytes32 v = Bytes32.wrap(Arrays.copyOfRange(buf, pos, pos + Bytes32.LENGTH));
    pos += Bytes32.LENGTH;
    return v;
  }

  public Ed25519PublicKey key(final String field) throws RejectedException {
    final byte[] raw = Arrays.copyOfRange(buf, pos, pos + Ed25519PublicKey.LENGTH);
    pos += Ed25519PublicKey.LENGTH;
    try {
      return Ed25519PublicKey.of(raw);
    } catch (IllegalArgumentException e) {
      throw new RejectedException(Rejection.INVALID_PUBLIC_KEY, field + " is not an Ed25519 point");
    }
  }

  public void reserved(final int n) throws RejectedException {
    for (int i = 0; i < n; i++) {
      if (buf[pos + i] != 0) {
        throw new RejectedException(Rejection.NONZERO_RESERVED, "reserved byte at offset " + (pos + i) + " is not zero");
      }
    }
    pos += n;
  }
}
