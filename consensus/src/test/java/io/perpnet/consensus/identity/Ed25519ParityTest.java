package io.perpnet.consensus.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * Our verification against the Solana runtime's Ed25519 precompile (ed25519-dalek's
 * verify_strict) on the twelve edge cases of "Taming the many EdDSAs" (Chalkias, Garillot,
 * Nikolaenko, 2020; vectors/ed25519-speccheck-cases.json). On chain only case 3 (a mixed-order
 * key and R, canonical S) verifies: small-order keys or R (0-2), equations that hold only
 * cofactored (4, 5), S out of range (6, 7) and non-canonical R or A (8-11) are refused.
 * {@code verify} refuses all those but 4 and 5 (BouncyCastle is cofactored); {@code verifyAsOnChain}
 * refuses every one the chain refuses, and 3 as well (mixed order, never an honest signature).
 * The escrow client's tests send the same vectors to the runtime and compare.
 */
class Ed25519ParityTest {
  static final Path VECTORS = Path.of("vectors", "ed25519-speccheck-cases.json");
  /** verify_strict's row of the paper's results table. */
  static final List<Integer> ACCEPTED_ON_CHAIN = List.of(3);
  /** What {@code verify} accepts: the chain's, and the two that hold only with the cofactored equation. */
  static final List<Integer> ACCEPTED_BY_VERIFY = List.of(3, 4, 5);

  record Case(byte[] message, byte[] key, byte[] signature) {}

  static List<Case> cases(final Path file) throws IOException {
    final List<Case> out = new ArrayList<>();
    for (final JsonNode c : new ObjectMapper().readTree(file.toFile())) {
      out.add(new Case(HexFormat.of().parseHex(c.get("message").asText()), HexFormat.of().parseHex(c.get("pub_key").asText()),
          HexFormat.of().parseHex(c.get("signature").asText())));
    }
    return out;
  }

  /** What a node decides: the key must parse, and the signature verify (as on chain, or not). */
  static boolean accepts(final Case c, final boolean asOnChain) {
    try {
      final Ed25519PublicKey key = Ed25519PublicKey.of(c.key());
      return asOnChain ? key.verifyAsOnChain(c.message(), c.signature()) : key.verify(c.message(), c.signature());
    } catch (IllegalArgumentException refusedKey) {
      return false;
    }
  }

  static List<Integer> accepted(final List<Case> cases, final boolean asOnChain) {
    final List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      if (accepts(cases.get(i), asOnChain)) {
        accepted.add(i);
      }
    }
    return accepted;
  }

  @Test
  void verifyRefusesSmallOrderAndNonCanonicalButIsCofactored() throws IOException {
    final List<Case> cases = cases(VECTORS);
    assertEquals(12, cases.size());
    assertEquals(ACCEPTED_BY_VERIFY, accepted(cases, false));
  }

  @Test
  void verifyAsOnChainNeverAcceptsWhatTheChainRefuses() throws IOException {
    final List<Integer> accepted = accepted(cases(VECTORS), true);
    assertEquals(List.of(), accepted, "case 3 is mixed order: refused here, accepted on chain, never honest");
    assertEquals(true, ACCEPTED_ON_CHAIN.containsAll(accepted));
    // an honest signature passes both
    final Ed25519KeyPair honest = Ed25519KeyPair.generate();
    final byte[] message = "terms".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    final byte[] signature = honest.sign(message);
    assertEquals(true, honest.publicKey().verifyAsOnChain(message, signature) && honest.publicKey().verify(message, signature));
  }

  @Test
  void smallOrderKeysAreRefused() {
    final byte[] smallKey = HexFormat.of().parseHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");
    assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.of(smallKey));
  }

  @Test
  void everyBlockedEncodingIsShortOfFullOrder() {
    // BouncyCastle's full check refuses every point without prime order; each blocked y (either sign) must be one
    for (final String y : List.of("0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")) {
      for (final int sign : new int[] {0, 0x80}) {
        final byte[] b = HexFormat.of().parseHex(y);
        b[31] |= (byte) sign;
        assertFalse(Ed25519.validatePublicKeyFull(b, 0), y + " sign " + sign);
        assertEquals(true, SmallOrderPoints.contains(b, 0));
      }
    }
    // an honest key is not blocked
    assertFalse(SmallOrderPoints.contains(Ed25519KeyPair.generate().publicKey().bytes(), 0));
  }
}
