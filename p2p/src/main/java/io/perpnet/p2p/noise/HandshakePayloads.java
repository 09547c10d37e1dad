package io.perpnet.p2p.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.noise.pb.NoiseProtos.NoiseExtensions;
import io.perpnet.p2p.noise.pb.NoiseProtos.NoiseHandshakePayload;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The libp2p layer on Noise: each side proves its identity key owns its Noise static key by
 * signing {@code "noise-libp2p-static-key:" || static public key}, in the handshake payload of
 * messages 2 (responder) and 3 (initiator).
 */
public final class HandshakePayloads {
  static final byte[] SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_PAYLOAD = 8 * 1024;

  private HandshakePayloads() {}

  /** Our payload; {@code muxers} empty means no inlined muxer negotiation (multistream follows). */
  public static byte[] create(final Ed25519KeyPair identity, final byte[] noiseStaticPublic, final List<String> muxers) {
    final NoiseHandshakePayload.Builder b = NoiseHandshakePayload.newBuilder()
        .setIdentityKey(ByteString.copyFrom(PeerId.of(identity.publicKey()).publicKeyProtobuf()))
        .setIdentitySig(ByteString.copyFrom(identity.sign(concat(SIGNATURE_PREFIX, noiseStaticPublic))));
    if (!muxers.isEmpty()) {
      b.setExtensions(NoiseExtensions.newBuilder().addAllStreamMuxers(muxers));
    }
    return b.build().toByteArray();
  }

  /** The remote's verified identity and its proposed muxers. */
  public record Verified(PeerId peerId, List<String> muxers) {}

  /**
   * Checks the remote payload against the remote Noise static key.
   *
   * @throws NoiseException if it does not parse, carries no or a non-Ed25519 key, or the signature fails
   */
  public static Verified verify(final byte[] payload, final byte[] remoteNoiseStatic) throws NoiseException {
    if (payload.length > MAX_PAYLOAD) {
      throw new NoiseException("handshake payload larger than " + MAX_PAYLOAD + " bytes");
    }
    final NoiseHandshakePayload p;
    try {
      p = NoiseHandshakePayload.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new NoiseException("handshake payload is not a NoiseHandshakePayload: " + e.getMessage());
    }
    if (!p.hasIdentityKey() || !p.hasIdentitySig()) {
      throw new NoiseException("handshake payload lacks the identity key or signature");
    }
    final PeerId peer;
    try {
      peer = PeerId.of(PeerId.keyFromProtobuf(p.getIdentityKey().toByteArray()));
    } catch (IllegalArgumentException e) {
      throw new NoiseException("identity key: " + e.getMessage());
    }
    if (!peer.publicKey().verify(concat(SIGNATURE_PREFIX, remoteNoiseStatic), p.getIdentitySig().toByteArray())) {
      throw new NoiseException("identity signature over the Noise static key does not verify");
    }
    return new Verified(peer, List.copyOf(p.getExtensions().getStreamMuxersList()));
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
