package io.perpnet.p2p.yamux;

/** A Yamux protocol violation by the peer. */
public final class YamuxException extends Exception {
  public YamuxException(final String message) {
    super(message);
  }
}
