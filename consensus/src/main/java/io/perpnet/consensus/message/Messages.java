package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;

/** Canonical encoding and strict decoding of payloads. */
public final class Messages {
  private Messages() {}

  /** The canonical signed bytes of a payload. */
  public static byte[] encode(final Payload payload) {
    final LeWriter w = new LeWriter(payload.type().length());
    payload.header().encode(payload.type(), w);
    payload.encodeBody(w);
    return w.done();
  }

  /**
   * Decodes exactly one payload occupying all of {@code bytes}.
   *
   * @throws RejectedException TRUNCATED, OVERLONG, UNKNOWN_DOMAIN, UNSUPPORTED_VERSION,
   *     NONZERO_RESERVED, INVALID_PUBLIC_KEY, VALUE_OUT_OF_RANGE or INVALID_SIDE
   */
  public static Payload decode(final byte[] bytes) throws RejectedException {
    final MessageType type = typeOf(bytes);
    if (bytes.length != type.length()) {
      throw lengthMismatch(bytes.length, type.length(), type);
    }
    return decodeAt(type, bytes);
  }

  /** Decodes a payload of a known type, refusing any other. */
  public static <P extends Payload> P decode(final byte[] bytes, final Class<P> expected) throws RejectedException {
    final Payload payload = decode(bytes);
    if (!expected.isInstance(payload)) {
      throw new RejectedException(Rejection.WRONG_TYPE, "expected " + expected.getSimpleName() + ", got " + payload.type());
    }
    return expected.cast(payload);
  }

  static MessageType typeOf(final byte[] bytes) throws RejectedException {
    if (bytes.length < MessageType.DOMAIN_LENGTH) {
      throw new RejectedException(Rejection.TRUNCATED, bytes.length + " bytes cannot hold a domain tag");
    }
    final MessageType type = MessageType.byDomain(bytes);
    if (type == null) {
      throw new RejectedException(Rejection.UNKNOWN_DOMAIN, "unknown domain tag");
    }
    return type;
  }

  static RejectedException lengthMismatch(final int actual, final int expected, final MessageType type) {
    return actual < expected
        ? new RejectedException(Rejection.TRUNCATED, type + " needs " + expected + " bytes, got " + actual)
        : new RejectedException(Rejection.OVERLONG, type + " has " + expected + " bytes, got " + actual);
  }

  /** Decodes the payload in {@code bytes[0, type.length())}; the caller checked the length. */
  static Payload decodeAt(final MessageType type, final byte[] bytes) throws RejectedException {
    final LeReader r = new LeReader(bytes, MessageType.DOMAIN_LENGTH);
    final Header header = Header.decode(r);
    return type.decoder().decode(header, r);
  }
}
