package io.perpnet.consensus.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Reproduces the js-libp2p identity vectors (shared/facts/libp2p-vectors.json) and the peer-ids spec vector. */
class IdentityVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static JsonNode vectors() throws IOException {
    try (InputStream in = IdentityVectorsTest.class.getResourceAsStream("/vectors/libp2p-vectors.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "B"})
  void keyFromSeedReproducesEveryJsLibp2pForm(final String name) throws IOException {
    final JsonNode v = vectors().path("keys").path(name);
    final Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(HEX.parseHex(v.path("ed25519_seed").asText()));
    final PeerId peerId = PeerId.of(keys.publicKey());

    assertEquals(v.path("raw_public_key").asText(), HEX.formatHex(keys.publicKey().bytes()));
    assertEquals(v.path("public_key_protobuf").asText(), HEX.formatHex(peerId.publicKeyProtobuf()));
    assertEquals(v.path("peer_id_multihash").asText(), HEX.formatHex(peerId.multihash()));
    assertEquals(v.path("peer_id_base58btc").asText(), peerId.toBase58());
    assertEquals(v.path("peer_id_cidv1_base32").asText(), peerId.toCidV1());
    assertEquals(peerId, PeerId.parse(peerId.toBase58()));
    assertEquals(peerId, PeerId.parse(peerId.toCidV1()));
  }

  @Test
  void peerIdsSpecVectorParsesInBothForms() throws IOException {
    final JsonNode v = vectors().path("keys").path("spec_ed25519");
    final Ed25519PublicKey key = PeerId.keyFromProtobuf(HEX.parseHex(v.path("public_key_protobuf").asText()));
    final PeerId peerId = PeerId.of(key);
    assertEquals(v.path("peer_id_base58btc").asText(), peerId.toBase58());
    assertEquals(v.path("peer_id_cidv1_base32").asText(), peerId.toCidV1());
    assertEquals(peerId, PeerId.parse(v.path("peer_id_cidv1_base32").asText()));
  }

  @Test
  void parseCheckGivesTheSameMultihashFromBothTexts() throws IOException {
    final JsonNode v = vectors().path("keys");
    assertEquals(v.path("parse_check").path("from_base58").asText(),
        HEX.formatHex(PeerId.parse(v.path("A").path("peer_id_base58btc").asText()).multihash()));
    assertEquals(v.path("parse_check").path("from_cid").asText(),
        HEX.formatHex(PeerId.parse(v.path("A").path("peer_id_cidv1_base32").asText()).multihash()));
  }

  @Test
  void signatureMatchesJsLibp2p() throws IOException {
    final JsonNode v = vectors().path("keys");
    final Ed25519KeyPair a = Ed25519KeyPair.fromSeed(HEX.parseHex(v.path("A").path("ed25519_seed").asText()));
    final byte[] message = v.path("A_sign_hello").path("message_utf8").asText().getBytes(StandardCharsets.UTF_8);
    final byte[] signature = a.sign(message);
    assertArrayEquals(HEX.parseHex(v.path("A_sign_hello").path("signature").asText()), signature);
    assertEquals(true, a.publicKey().verify(message, signature));
  }

  @Test
  void solanaAddressIsBase58OfTheKey() throws IOException {
    final JsonNode v = vectors().path("keys").path("A");
    final Ed25519KeyPair a = Ed25519KeyPair.fromSeed(HEX.parseHex(v.path("ed25519_seed").asText()));
    final String address = a.publicKey().toAddress();
    assertArrayEquals(a.publicKey().bytes(), Base58.decode(address));
    assertEquals(a.publicKey(), Ed25519PublicKey.fromAddress(address));
  }
}
