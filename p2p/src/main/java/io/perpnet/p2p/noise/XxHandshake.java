package io.perpnet.p2p.noise;

import java.util.Arrays;

/**
 * The Noise XX pattern for one side, as libp2p uses it (prologue empty):
 *
 * <pre>
 *   -> e
 *   <- e, ee, s, es
 *   -> s, se
 * </pre>
 *
 * Initiator: write, read, write. Responder: read, write, read. Each call takes or returns one
 * Noise message (without the 2-byte length frame) and the payload it carries. Keys are inputs,
 * so tests can reproduce a transcript exactly.
 */
public final class XxHandshake {
  /** Which side of the handshake this is. */
  public enum Role { INITIATOR, RESPONDER }

  /** The session's transport ciphers, from this side's point of view. */
  public record Transport(CipherState send, CipherState receive, byte[] remoteStatic, byte[] handshakeHash) {}

  public static final int MAX_MESSAGE = 65535;
  private static final int KEY = X25519KeyPair.LENGTH;
  private static final int TAG = CipherState.TAG_LENGTH;

  private final Role role;
  private final X25519KeyPair staticKey;
  private final X25519KeyPair ephemeral;
  private final SymmetricState state = new SymmetricState();
  private byte[] remoteEphemeral;
  private byte[] remoteStatic;
  private int step;

  public XxHandshake(final Role role, final X25519KeyPair staticKey, final X25519KeyPair ephemeral) {
    this.role = role;
    this.staticKey = staticKey;
    this.ephemeral = ephemeral;
  }

  /** Writes the next message of this side: message 1 (initiator), 2 (responder) or 3 (initiator). */
  public byte[] writeMessage(final byte[] payload) throws NoiseException {
    final byte[] out;
    if (role == Role.INITIATOR && step == 0) {
      state.mixHash(ephemeral.publicKey());
      out = concat(ephemeral.publicKey(), state.encryptAndHash(payload));
    } else if (role == Role.RESPONDER && step == 1) {
      state.mixHash(ephemeral.publicKey());
      state.mixKey(ephemeral.agree(remoteEphemeral));
      final byte[] s = state.encryptAndHash(staticKey.publicKey());
      state.mixKey(staticKey.agree(remoteEphemeral));
      out = concat(ephemeral.publicKey(), s, state.encryptAndHash(payload));
    } else if (role == Role.INITIATOR && step == 2) {
      final byte[] s = state.encryptAndHash(staticKey.publicKey());
      state.mixKey(staticKey.agree(remoteEphemeral));
      out = concat(s, state.encryptAndHash(payload));
    } else {
      throw new IllegalStateException(role + " does not write at step " + step);
    }
    if (out.length > MAX_MESSAGE) {
      throw new NoiseException("handshake message longer than 65535 bytes");
    }
    step++;
    return out;
  }

  /** Reads the peer's next message and returns its payload. */
  public byte[] readMessage(final byte[] message) throws NoiseException {
    final byte[] payload;
    if (role == Role.RESPONDER && step == 0) {
      require(message, KEY, "message 1");
      remoteEphemeral = Arrays.copyOf(message, KEY);
      state.mixHash(remoteEphemeral);
      payload = state.decryptAndHash(Arrays.copyOfRange(message, KEY, message.length));
    } else if (role == Role.INITIATOR && step == 1) {
      require(message, KEY + KEY + TAG + TAG, "message 2");
      remoteEphemeral = Arrays.copyOf(message, KEY);
      state.mixHash(remoteEphemeral);
      state.mixKey(ephemeral.agree(remoteEphemeral));
      remoteStatic = state.decryptAndHash(Arrays.copyOfRange(message, KEY, KEY + KEY + TAG));
      state.mixKey(ephemeral.agree(remoteStatic));
      payload = state.decryptAndHash(Arrays.copyOfRange(message, KEY + KEY + TAG, message.length));
    } else if (role == Role.RESPONDER && step == 2) {
      require(message, KEY + TAG + TAG, "message 3");
      remoteStatic = state.decryptAndHash(Arrays.copyOf(message, KEY + TAG));
      state.mixKey(ephemeral.agree(remoteStatic));
      payload = state.decryptAndHash(Arrays.copyOfRange(message, KEY + TAG, message.length));
    } else {
      throw new IllegalStateException(role + " does not read at step " + step);
    }
    step++;
    return payload;
  }

  public boolean isComplete() {
    return step == 3;
  }

  /** The remote's static key once it has been received (after message 2 or 3). */
  public byte[] remoteStatic() {
    return remoteStatic == null ? null : remoteStatic.clone();
  }

  public X25519KeyPair staticKey() {
    return staticKey;
  }

  public Transport split() {
    if (!isComplete()) {
      throw new IllegalStateException("the handshake is not complete");
    }
    final CipherState[] c = state.split();
    return role == Role.INITIATOR
        ? new Transport(c[0], c[1], remoteStatic.clone(), state.handshakeHash())
        : new Transport(c[1], c[0], remoteStatic.clone(), state.handshakeHash());
  }

  private static void require(final byte[] message, final int min, final String what) throws NoiseException {
    if (message.length < min) {
      throw new NoiseException(what + " has " + message.length + " bytes, needs at least " + min);
    }
  }

  private static byte[] concat(final byte[]... parts) {
    int n = 0;
    for (final byte[] p : parts) {
      n += p.length;
    }
    final byte[] out = new byte[n];
    int at = 0;
    for (final byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
