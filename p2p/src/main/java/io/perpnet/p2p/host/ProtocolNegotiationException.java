package io.perpnet.p2p.host;

/** A connection or stream could not agree on a protocol, or its upgrade failed. */
public final class ProtocolNegotiationException extends RuntimeException {
  public ProtocolNegotiationException(final String message) {
    super(message);
  }
}
