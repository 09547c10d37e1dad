package io.perpnet.p2p.noise;

/** The Noise handshake or a transport message failed; the connection is closed. */
public final class NoiseException extends Exception {
  public NoiseException(final String message) {
    super(message);
  }
}
