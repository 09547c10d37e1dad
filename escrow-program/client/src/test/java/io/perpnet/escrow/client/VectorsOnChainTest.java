package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.EscrowWorld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.consensus.identity.Base58;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.tx.Ed25519Precompile;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * The consensus module's vector file, byte for byte, inside the program: deployed at the vectors'
 * program id, the escrow gets the file's MatchTerms and PriceAttestations with the file's
 * signatures through the Ed25519 precompile. It verifies them, parses them and accepts their
 * binding; only their dates (2026-01-01) stop them. One changed byte fails the signature check.
 */
class VectorsOnChainTest {
  private static final Path FILE = Path.of("..", "..", "consensus", "vectors", "messages-v1.json");
  private static final HexFormat HEX = HexFormat.of();
  private static JsonNode vectors;
  private static EscrowWorld world;

  @BeforeAll
  static void setUp() throws Exception {
    vectors = new ObjectMapper().readTree(FILE.toFile());
    world = EscrowWorld.start(Base58.encode(HEX.parseHex(vectors.path("program").asText())));
    world.oracles(2, 3); // the vectors' oracles are the fixture oracles
    world.client.createMarket(world.admin, MarketConfig.BTC_PERP);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (world != null) {
      world.close();
    }
  }

  private static byte[] bytes(final String message) {
    return HEX.parseHex(vectors.path("messages").path(message).path("signedBytes").asText());
  }

  private static byte[] signature(final String message, final int i) {
    return HEX.parseHex(vectors.path("messages").path(message).path("signatures").path(i).asText());
  }

  private static Ed25519PublicKey key(final String name) {
    return Ed25519PublicKey.of(HEX.parseHex(vectors.path("keys").path(name).path("publicKey").asText()));
  }

  private static List<TransactionInstruction> open(final byte[] terms) throws Exception {
    return open(terms, terms);
  }

  /** open_position over {@code terms}, at the position address of {@code addressed} (the vector's, for tampered terms). */
  private static List<TransactionInstruction> open(final byte[] terms, final byte[] addressed) throws Exception {
    final byte[] matchId = MessageDigest.getInstance("SHA-256").digest(addressed);
    return List.of(Ed25519Precompile.verify(key("trader"), signature("match", 0), terms),
        Ed25519Precompile.verify(key("maker"), signature("match", 1), terms),
        world.client.instructions().openPosition(EscrowClient.key(world.admin), 1,
            world.client.program().position(matchId, addressed[io.perpnet.consensus.message.MatchTerms.OFFSET_POSITION_BUMP] & 0xFF),
            new PublicKey(key("trader").bytes()), new PublicKey(key("maker").bytes()), 0, 1));
  }

  @Test
  void theVectorMatchTermsVerifyParseAndBindAndOnlyTheirExpiryStopsThem() throws Exception {
    final RpcError e = assertThrows(RpcError.class, () -> world.client.send(open(bytes("match")), world.admin));
    assertEquals(EscrowError.EXPIRED, EscrowError.of(e.customError()), e.getMessage());
  }

  @Test
  void theVectorAttestationsVerifyAndParseAndOnlyTheirAgeStopsThem() {
    final List<TransactionInstruction> ixs = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      final String name = "attestation" + i;
      ixs.add(Ed25519Precompile.verify(key("oracle" + i), signature(name, 0), bytes(name)));
    }
    ixs.add(world.client.instructions().postPrices(1, new int[] {0, 1, 2}));
    final RpcError e = assertThrows(RpcError.class, () -> world.client.send(ixs, world.admin));
    assertEquals(EscrowError.STALE_PRICE, EscrowError.of(e.customError()), e.getMessage());
  }

  @Test
  void oneChangedByteFailsTheSignatureCheck() throws Exception {
    final byte[] tampered = bytes("match");
    tampered[224] ^= 1; // the price
    final RpcError e = assertThrows(RpcError.class, () -> world.client.send(open(tampered, bytes("match")), world.admin));
    // the trader's precompile instruction (index 0) fails with InvalidSignature (2): the program never runs
    assertEquals(0, e.failedInstruction(), e.getMessage());
    assertEquals(2, e.customError(), e.getMessage());
  }
}
