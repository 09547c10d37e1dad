package io.perpnet.p2p.noise;

import static io.perpnet.p2p.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reproduces the js-libp2p Noise XX transcript (libp2p-vectors.json "noise") byte for byte. */
class NoiseVectorsTest {
  private static final Ed25519KeyPair A = Ed25519KeyPair.fromSeed(hex("keys", "A", "ed25519_seed"));
  private static final Ed25519KeyPair B = Ed25519KeyPair.fromSeed(hex("keys", "B", "ed25519_seed"));

  private static XxHandshake initiator() {
    return new XxHandshake(XxHandshake.Role.INITIATOR, X25519KeyPair.fromPrivate(hex("noise", "initiator_static_priv")),
        X25519KeyPair.fromPrivate(hex("noise", "initiator_ephemeral_priv")));
  }

  private static XxHandshake responder() {
    return new XxHandshake(XxHandshake.Role.RESPONDER, X25519KeyPair.fromPrivate(hex("noise", "responder_static_priv")),
        X25519KeyPair.fromPrivate(hex("noise", "responder_ephemeral_priv")));
  }

  @Test
  void keysAndPayloadsMatch() {
    assertArrayEquals(hex("noise", "initiator_static_pub"), initiator().staticKey().publicKey());
    assertArrayEquals(hex("noise", "responder_static_pub"), responder().staticKey().publicKey());
    assertArrayEquals(hex("noise", "initiator_payload_plain"),
        HandshakePayloads.create(A, hex("noise", "initiator_static_pub"), List.of("/yamux/1.0.0")));
    assertArrayEquals(hex("noise", "responder_payload_plain"),
        HandshakePayloads.create(B, hex("noise", "responder_static_pub"), List.of("/yamux/1.0.0")));
  }

  @Test
  void theTranscriptIsByteForByteJs() throws NoiseException {
    final XxHandshake i = initiator();
    final XxHandshake r = responder();
    final byte[] m1 = i.writeMessage(new byte[0]);
    assertArrayEquals(hex("noise", "msg1"), m1);
    assertEquals(0, r.readMessage(m1).length);

    final byte[] m2 = r.writeMessage(hex("noise", "responder_payload_plain"));
    assertArrayEquals(hex("noise", "msg2"), m2);
    final byte[] p2 = i.readMessage(m2);
    final HandshakePayloads.Verified responderId = HandshakePayloads.verify(p2, i.remoteStatic());
    assertEquals(PeerId.of(B.publicKey()), responderId.peerId());

    final byte[] m3 = i.writeMessage(hex("noise", "initiator_payload_plain"));
    assertArrayEquals(hex("noise", "msg3"), m3);
    final byte[] p3 = r.readMessage(m3);
    assertEquals(PeerId.of(A.publicKey()), HandshakePayloads.verify(p3, r.remoteStatic()).peerId());

    final XxHandshake.Transport it = i.split();
    final XxHandshake.Transport rt = r.split();
    final byte[] c1 = it.send().encryptWithAd(new byte[0], utf8("noise", "transport_initiator_to_responder_first"));
    assertArrayEquals(hex("noise", "transport_initiator_to_responder_first", "ciphertext"), c1);
    assertEquals("hello responder", new String(rt.receive().decryptWithAd(new byte[0], c1), StandardCharsets.UTF_8));
    final byte[] c2 = rt.send().encryptWithAd(new byte[0], utf8("noise", "transport_responder_to_initiator_first"));
    assertArrayEquals(hex("noise", "transport_responder_to_initiator_first", "ciphertext"), c2);
    assertEquals("hello initiator", new String(it.receive().decryptWithAd(new byte[0], c2), StandardCharsets.UTF_8));
  }

  @Test
  void aTamperedMessageFailsAndAForgedIdentityIsRefused() throws NoiseException {
    final XxHandshake i = initiator();
    final XxHandshake r = responder();
    r.readMessage(i.writeMessage(new byte[0]));
    final byte[] m2 = r.writeMessage(hex("noise", "responder_payload_plain"));
    m2[40] ^= 1;
    assertThrows(NoiseException.class, () -> i.readMessage(m2));

    // a payload signed over a different static key does not verify
    final byte[] payload = HandshakePayloads.create(B, new byte[32], List.of());
    final NoiseException e = assertThrows(NoiseException.class,
        () -> HandshakePayloads.verify(payload, hex("noise", "responder_static_pub")));
    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    assertThrows(NoiseException.class, () -> HandshakePayloads.verify(new byte[] {1, 2, 3}, new byte[32]));
    assertThrows(NoiseException.class, () -> responder().readMessage(new byte[31]));
  }

  @Test
  void muxersTravelInTheExtensions() throws NoiseException {
    final byte[] pub = hex("noise", "responder_static_pub");
    final byte[] payload = HandshakePayloads.create(B, pub, List.of("/yamux/1.0.0"));
    assertEquals(List.of("/yamux/1.0.0"), HandshakePayloads.verify(payload, pub).muxers());
  }

  @Test
  void messagesOutOfOrderAreAProgrammingError() {
    assertThrows(IllegalStateException.class, () -> responder().writeMessage(new byte[0]));
    assertThrows(IllegalStateException.class, () -> initiator().split());
  }

  private static byte[] utf8(final String... path) {
    return Vectors.get(path).path("plaintext_utf8").asText().getBytes(StandardCharsets.UTF_8);
  }
}
