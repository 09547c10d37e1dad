package io.perpnet.p2p.pubsub;

import com.google.protobuf.ByteString;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How messages are authored and identified (specs: pubsub/README.md, "Message signing").
 *
 * <ul>
 *   <li>{@link #STRICT_SIGN}: {@code from} = author peer id, {@code seqno} = 8-byte big-endian
 *       counter, {@code signature} = Ed25519 over {@code "libp2p-pubsub:" || Message{from, data,
 *       seqno, topic}} (fields in tag order, as received), {@code key} = author PublicKey
 *       protobuf. Message id = {@code from || seqno} (the go, rust and jvm convention).
 *   <li>{@link #STRICT_NO_SIGN}: {@code from}, {@code seqno}, {@code signature} and {@code key}
 *       must be absent. Message id = SHA-256(data). Our application messages carry their own
 *       Ed25519 signatures, so this is what the node uses.
 * </ul>
 */
public enum SignaturePolicy {
  STRICT_SIGN,
  STRICT_NO_SIGN;

  static final byte[] SIGNING_PREFIX = "libp2p-pubsub:".getBytes(StandardCharsets.US_ASCII);
  public static final int SEQNO_LENGTH = 8;

  /** The id of a message that passed {@link #check}. */
  public MessageId messageId(final Message m) {
    if (this == STRICT_SIGN) {
      return new MessageId(m.getFrom().concat(m.getSeqno()));
    }
    return MessageId.of(sha256(m.getData().toByteArray()));
  }

  /** Builds our own message. */
  Message author(final Ed25519KeyPair identity, final String topic, final byte[] data, final long seqno) {
    final Message.Builder b = Message.newBuilder().setData(ByteString.copyFrom(data)).setTopic(topic);
    if (this == STRICT_SIGN) {
      final PeerId self = PeerId.of(identity.publicKey());
      final byte[] seq = new byte[SEQNO_LENGTH];
      for (int i = 0; i < SEQNO_LENGTH; i++) {
        seq[i] = (byte) (seqno >>> (56 - 8 * i));
      }
      b.setFrom(ByteString.copyFrom(self.multihash())).setSeqno(ByteString.copyFrom(seq));
      final byte[] signed = concat(SIGNING_PREFIX, b.build().toByteArray());
      b.setSignature(ByteString.copyFrom(identity.sign(signed)))
          .setKey(ByteString.copyFrom(self.publicKeyProtobuf()));
    }
    return b.build();
  }

  /**
   * Checks a received message against the policy.
   *
   * @return the author under StrictSign, null under StrictNoSign
   * @throws InvalidMessageException naming the violation
   */
  PeerId check(final Message m) throws InvalidMessageException {
    if (!m.hasTopic() || m.getTopic().isEmpty()) {
      throw new InvalidMessageException("message without a topic");
    }
    if (this == STRICT_NO_SIGN) {
      if (m.hasFrom() || m.hasSeqno() || m.hasSignature() || m.hasKey()) {
        throw new InvalidMessageException("StrictNoSign message carries from, seqno, signature or key");
      }
      return null;
    }
    if (!m.hasFrom() || !m.hasSeqno() || !m.hasSignature()) {
      throw new InvalidMessageException("StrictSign message lacks from, seqno or signature");
    }
    if (m.getSeqno().size() != SEQNO_LENGTH) {
      throw new InvalidMessageException("seqno of " + m.getSeqno().size() + " bytes, expected 8");
    }
    final PeerId author;
    try {
      author = PeerId.fromMultihash(m.getFrom().toByteArray());
      if (m.hasKey() && !PeerId.of(PeerId.keyFromProtobuf(m.getKey().toByteArray())).equals(author)) {
        throw new InvalidMessageException("key does not match from");
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidMessageException("from or key: " + e.getMessage());
    }
    final Message unsigned = Message.newBuilder(m).clearSignature().clearKey().build();
    if (!author.publicKey().verify(concat(SIGNING_PREFIX, unsigned.toByteArray()), m.getSignature().toByteArray())) {
      throw new InvalidMessageException("signature does not verify");
    }
    return author;
  }

  private static byte[] sha256(final byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A message that breaks the signature policy. */
  static final class InvalidMessageException extends Exception {
    InvalidMessageException(final String message) {
      super(message);
    }
  }
}
