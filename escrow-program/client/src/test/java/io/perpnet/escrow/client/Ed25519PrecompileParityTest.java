package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.EscrowWorld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.tx.Ed25519Precompile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's Ed25519 precompile and our verification on the "Taming the many EdDSAs" edge
 * cases (consensus/vectors/ed25519-speccheck-cases.json): the precompile accepts only case 3,
 * and {@code verifyAsOnChain} never accepts a case the precompile refuses.
 */
class Ed25519PrecompileParityTest {
  private static final Path VECTORS = Path.of("..", "..", "consensus", "vectors", "ed25519-speccheck-cases.json");
  private static final long PRECOMPILE_INVALID_PUBLIC_KEY = 0;
  private static final long PRECOMPILE_INVALID_SIGNATURE = 2;
  private static EscrowWorld world;

  @BeforeAll
  static void setUp() throws Exception {
    world = EscrowWorld.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void theChainAcceptsOnlyWhatVerifyAsOnChainCouldAccept() throws Exception {
    final Ed25519KeyPair payer = world.funded(Ed25519KeyPair.generate());
    final List<Integer> onChain = new ArrayList<>();
    final List<Integer> asOnChain = new ArrayList<>();
    int i = 0;
    for (final JsonNode c : new ObjectMapper().readTree(VECTORS.toFile())) {
      final byte[] message = HexFormat.of().parseHex(c.get("message").asText());
      final byte[] key = HexFormat.of().parseHex(c.get("pub_key").asText());
      final byte[] signature = HexFormat.of().parseHex(c.get("signature").asText());
      try {
        world.client.send(List.of(Ed25519Precompile.verify(key, signature, message)), payer);
        onChain.add(i);
      } catch (RpcError refused) {
        // the precompile's own errors: InvalidPublicKey (0) or InvalidSignature (2), at its instruction
        assertEquals(0, refused.failedInstruction(), refused.getMessage());
        assertTrue(refused.customError() == PRECOMPILE_INVALID_PUBLIC_KEY || refused.customError() == PRECOMPILE_INVALID_SIGNATURE,
            "case " + i + " was refused for another reason: " + refused.getMessage());
      }
      try {
        if (Ed25519PublicKey.of(key).verifyAsOnChain(message, signature)) {
          asOnChain.add(i);
        }
      } catch (IllegalArgumentException refusedKey) {
        // refused as a key: not accepted
      }
      i++;
    }
    assertEquals(12, i);
    assertEquals(List.of(3), onChain, "the runtime's precompile is verify_strict");
    assertTrue(onChain.containsAll(asOnChain), "we accepted " + asOnChain + ", the chain " + onChain);
  }
}
