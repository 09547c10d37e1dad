package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A payload with its canonical bytes and one signature per signer.
 *
 * <p>Wire form (gossip, direct streams, storage): the payload's bytes followed by each 64-byte
 * Ed25519 signature in {@link Payload#signers()} order. The length is fixed per type, so there is
 * no framing inside. Decoding does not check signatures: {@link #verify()} does, and validators
 * call it last, after the cheap checks.
 *
 * @param <P> the payload type
 */
public final class Signed<P extends Payload> {
  public static final int SIGNATURE_LENGTH = Ed25519PublicKey.SIGNATURE_LENGTH;

  private final P payload;
  private final byte[] bytes;
  private final List<byte[]> signatures;
  private Bytes32 hash;

  private Signed(final P payload, final byte[] bytes, final List<byte[]> signatures) {
    this.payload = payload;
    this.bytes = bytes;
    this.signatures = signatures;
  }

  /**
   * Signs a payload with every signer's key, in {@link Payload#signers()} order.
   *
   * @throws IllegalArgumentException if the keys do not match the payload's signers
   */
  public static <P extends Payload> Signed<P> sign(final P payload, final Ed25519KeyPair... keys) {
    final List<Ed25519PublicKey> signers = payload.signers();
    if (keys.length != signers.size()) {
      throw new IllegalArgumentException(payload.type() + " takes " + signers.size() + " signatures, got " + keys.length);
    }
    final byte[] bytes = Messages.encode(payload);
    final byte[][] sigs = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      if (!keys[i].publicKey().equals(signers.get(i))) {
        throw new IllegalArgumentException("key " + i + " is not the payload's signer " + signers.get(i));
      }
      sigs[i] = keys[i].sign(bytes);
    }
    return new Signed<>(payload, bytes, List.of(sigs));
  }

  /** Assembles a payload with signatures made elsewhere (e.g. the counterparty's half). */
  public static <P extends Payload> Signed<P> of(final P payload, final List<byte[]> signatures) {
    if (signatures.size() != payload.type().signatureCount()) {
      throw new IllegalArgumentException(payload.type() + " takes " + payload.type().signatureCount() + " signatures");
    }
    for (final byte[] s : signatures) {
      if (Objects.requireNonNull(s).length != SIGNATURE_LENGTH) {
        throw new IllegalArgumentException("signatures have 64 bytes");
      }
    }
    return new Signed<>(payload, Messages.encode(payload), signatures.stream().map(byte[]::clone).toList());
  }

  /**
   * Decodes the wire form of any message type.
   *
   * @throws RejectedException with the reason the bytes are not a well-formed message
   */
  public static Signed<Payload> decode(final byte[] wire) throws RejectedException {
    final MessageType type = Messages.typeOf(wire);
    if (wire.length != type.wireLength()) {
      throw Messages.lengthMismatch(wire.length, type.wireLength(), type);
    }
    final Payload payload = Messages.decodeAt(type, wire);
    final byte[] bytes = Arrays.copyOf(wire, type.length());
    final byte[][] sigs = new byte[type.signatureCount()][];
    for (int i = 0; i < sigs.length; i++) {
      final int from = type.length() + i * SIGNATURE_LENGTH;
      sigs[i] = Arrays.copyOfRange(wire, from, from + SIGNATURE_LENGTH);
    }
    return new Signed<>(payload, bytes, List.of(sigs));
  }

  /** Decodes the wire form of one expected type. */
  public static <P extends Payload> Signed<P> decode(final byte[] wire, final Class<P> expected) throws RejectedException {
    final Signed<Payload> any = decode(wire);
    if (!expected.isInstance(any.payload)) {
      throw new RejectedException(Rejection.WRONG_TYPE, "expected " + expected.getSimpleName() + ", got " + any.payload.type());
    }
    return new Signed<>(expected.cast(any.payload), any.bytes, any.signatures);
  }

  /** True when every signature verifies against its signer over the canonical bytes. */
  public boolean verify() {
    final List<Ed25519PublicKey> signers = payload.signers();
    for (int i = 0; i < signers.size(); i++) {
      if (!signers.get(i).verify(bytes, signatures.get(i))) {
        return false;
      }
    }
    return true;
  }

  public P payload() {
    return payload;
  }

  /** The canonical signed bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Signature {@code i} (a copy), in signer order. */
  public byte[] signature(final int i) {
    return signatures.get(i).clone();
  }

  /** SHA-256 of the signed bytes: how other messages reference this one (and the match id). */
  public Bytes32 hash() {
    Bytes32 h = hash;
    if (h == null) {
      h = Bytes32.sha256(bytes);
      hash = h;
    }
    return h;
  }

  /** Payload bytes then every signature. */
  public byte[] toWire() {
    final byte[] wire = Arrays.copyOf(bytes, bytes.length + signatures.size() * SIGNATURE_LENGTH);
    for (int i = 0; i < signatures.size(); i++) {
      System.arraycopy(signatures.get(i), 0, wire, bytes.length + i * SIGNATURE_LENGTH, SIGNATURE_LENGTH);
    }
    return wire;
  }

  @Override
  public boolean equals(final Object o) {
    if (!(o instanceof Signed<?> other) || !Arrays.equals(bytes, other.bytes)) {
      return false;
    }
    for (int i = 0; i < signatures.size(); i++) {
      if (!Arrays.equals(signatures.get(i), other.signatures.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Signed[" + payload + "]";
  }
}
