package io.perpnet.sdk.hyperliquid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.sdk.hyperliquid.action.Actions;
import io.perpnet.sdk.hyperliquid.action.Cloid;
import io.perpnet.sdk.hyperliquid.action.Order;
import io.perpnet.sdk.hyperliquid.signing.HyperliquidSigner;
import io.perpnet.sdk.hyperliquid.signing.Network;
import io.perpnet.sdk.hyperliquid.signing.Signature;
import io.perpnet.sdk.hyperliquid.signing.UserSignedType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every vector of the official Python SDK's own signing tests (hyperliquid-dex/hyperliquid-python-sdk,
 * tests/signing_test.py at 7ee976d, version 0.23.0), reproduced: the same key, actions, nonces,
 * vaults and networks give the same r, s and v.
 */
class SigningVectorsTest {
  private static final HyperliquidSigner KEY =
      HyperliquidSigner.fromPrivateKey("0x0123456789012345678901234567890123456789012345678901234567890123");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String VAULT = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";

  private static void expect(final Signature s, final String r, final String sValue, final int v) {
    assertEquals(new BigInteger(r.substring(2), 16), s.r(), "r");
    assertEquals(new BigInteger(sValue.substring(2), 16), s.s(), "s");
    assertEquals(v, s.v(), "v");
    assertEquals(r, s.rHex(), "written as the official SDK writes it");
  }

  private static Signature l1(final JsonNode action, final Optional<String> vault, final Network n) {
    return KEY.signL1(action, vault, 0, OptionalLong.empty(), n);
  }

  /** {"type": "dummy", "num": float_to_int_for_hashing(1000)} */
  private static ObjectNode dummy() {
    return F.objectNode().put("type", "dummy").put("num", 100_000_000_000L);
  }

  private static ObjectNode order(final Order.Type type, final Optional<Cloid> cloid) {
    return Actions.order(List.of(new Order(1, true, new BigDecimal("100"), new BigDecimal("100"), false, type, cloid)),
        "na");
  }

  @Test
  void phantomAgentCreationMatchesProduction() {
    final ObjectNode action = Actions.order(List.of(new Order(4, true, new BigDecimal("1670.1"),
        new BigDecimal("0.0147"), false, new Order.Limit(Order.Tif.IOC), Optional.empty())), "na");
    assertEquals("0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908", HexFormat.of().formatHex(
        HyperliquidSigner.connectionId(action, Optional.empty(), 1677777606040L, OptionalLong.empty())));
  }

  @Test
  void l1ActionSigningMatches() {
    expect(l1(dummy(), Optional.empty(), Network.MAINNET), "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
        "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8", 27);
    expect(l1(dummy(), Optional.empty(), Network.TESTNET), "0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510",
        "0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613", 28);
  }

  @Test
  void l1ActionSigningOrderMatches() {
    final ObjectNode o = order(new Order.Limit(Order.Tif.GTC), Optional.empty());
    expect(l1(o, Optional.empty(), Network.MAINNET), "0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e",
        "0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e", 28);
    expect(l1(o, Optional.empty(), Network.TESTNET), "0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54",
        "0x6b53878fc99d26047f4d7e8c90eb98955a109f44209163f52d8dc4278cbbd9f5", 27);
  }

  @Test
  void l1ActionSigningOrderWithCloidMatches() {
    final ObjectNode o = order(new Order.Limit(Order.Tif.GTC), Optional.of(Cloid.of("0x00000000000000000000000000000001")));
    expect(l1(o, Optional.empty(), Network.MAINNET), "0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3",
        "0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da", 27);
    expect(l1(o, Optional.empty(), Network.TESTNET), "0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d",
        "0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988", 28);
  }

  @Test
  void l1ActionSigningMatchesWithVault() {
    expect(l1(dummy(), Optional.of(VAULT), Network.MAINNET), "0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239",
        "0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c", 28);
    expect(l1(dummy(), Optional.of(VAULT), Network.TESTNET), "0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b",
        "0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60", 27);
  }

  @Test
  void l1ActionSigningTpslOrderMatches() {
    final ObjectNode o = order(new Order.Trigger(new BigDecimal("103"), true, Order.Tpsl.SL), Optional.empty());
    expect(l1(o, Optional.empty(), Network.MAINNET), "0x98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9",
        "0x6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405", 27);
    expect(l1(o, Optional.empty(), Network.TESTNET), "0x971c554d917c44e0e1b6cc45d8f9404f32172a9d3b3566262347d0302896a2e4",
        "0x206257b104788f80450f8e786c329daa589aa0b32ba96948201ae556d5637eac", 28);
  }

  @Test
  void signUsdTransferAction() {
    final ObjectNode a = F.objectNode().put("destination", "0x5e9ee1089755c3435139848e47e6635505d5a13a")
        .put("amount", "1").put("time", 1687816341423L);
    expect(KEY.signUserAction(a, UserSignedType.USD_SEND, Network.TESTNET),
        "0x637b37dd731507cdd24f46532ca8ba6eec616952c56218baeff04144e4a77073",
        "0x11a6a24900e6e314136d2592e2f8d502cd89b7c15b198e1bee043c9589f9fad7", 27);
    assertEquals("Testnet", a.path("hyperliquidChain").asText(), "the action sent is the one signed");
    assertEquals("0x66eee", a.path("signatureChainId").asText());
  }

  @Test
  void signWithdrawFromBridgeAction() {
    final ObjectNode a = Actions.withdraw("0x5e9ee1089755c3435139848e47e6635505d5a13a", BigDecimal.ONE, 1687816341423L);
    expect(KEY.signUserAction(a, UserSignedType.WITHDRAW, Network.TESTNET),
        "0x8363524c799e90ce9bc41022f7c39b4e9bdba786e5f9c72b20e43e1462c37cf9",
        "0x58b1411a775938b83e29182e8ef74975f9054c8e97ebf5ec2dc8d51bfc893881", 28);
  }

  @Test
  void createSubAccountAction() {
    final ObjectNode a = F.objectNode().put("type", "createSubAccount").put("name", "example");
    expect(l1(a, Optional.empty(), Network.MAINNET), "0x51096fe3239421d16b671e192f574ae24ae14329099b6db28e479b86cdd6caa7",
        "0xb71f7d293af92d3772572afb8b102d167a7cef7473388286bc01f52a5c5b423", 27);
    expect(l1(a, Optional.empty(), Network.TESTNET), "0xa699e3ed5c2b89628c746d3298b5dc1cca604694c2c855da8bb8250ec8014a5b",
        "0x53f1b8153a301c72ecc655b1c315d64e1dcea3ee58921fd7507e35818fcc1584", 28);
  }

  @Test
  void subAccountTransferAction() {
    final ObjectNode a = F.objectNode().put("type", "subAccountTransfer")
        .put("subAccountUser", "0x1d9470d4b963f552e6f671a81619d395877bf409").put("isDeposit", true).put("usd", 10);
    expect(l1(a, Optional.empty(), Network.MAINNET), "0x43592d7c6c7d816ece2e206f174be61249d651944932b13343f4d13f306ae602",
        "0x71a926cb5c9a7c01c3359ec4c4c34c16ff8107d610994d4de0e6430e5cc0f4c9", 28);
    expect(l1(a, Optional.empty(), Network.TESTNET), "0xe26574013395ad55ee2f4e0575310f003c5bb3351b5425482e2969fa51543927",
        "0xefb08999196366871f919fd0e138b3a7f30ee33e678df7cfaf203e25f0a4278", 28);
  }

  @Test
  void scheduleCancelAction() {
    final ObjectNode clear = Actions.scheduleCancel(OptionalLong.empty());
    expect(l1(clear, Optional.empty(), Network.MAINNET), "0x6cdfb286702f5917e76cd9b3b8bf678fcc49aec194c02a73e6d4f16891195df9",
        "0x6557ac307fa05d25b8d61f21fb8a938e703b3d9bf575f6717ba21ec61261b2a0", 27);
    expect(l1(clear, Optional.empty(), Network.TESTNET), "0xc75bb195c3f6a4e06b7d395acc20bbb224f6d23ccff7c6a26d327304e6efaeed",
        "0x342f8ede109a29f2c0723bd5efb9e9100e3bbb493f8fb5164ee3d385908233df", 28);
    final ObjectNode at = Actions.scheduleCancel(OptionalLong.of(123456789));
    expect(l1(at, Optional.empty(), Network.MAINNET), "0x609cb20c737945d070716dcc696ba030e9976fcf5edad87afa7d877493109d55",
        "0x16c685d63b5c7a04512d73f183b3d7a00da5406ff1f8aad33f8ae2163bab758b", 28);
    expect(l1(at, Optional.empty(), Network.TESTNET), "0x4e4f2dbd4107c69783e251b7e1057d9f2b9d11cee213441ccfa2be63516dc5bc",
        "0x706c656b23428c8ba356d68db207e11139ede1670481a9e01ae2dfcdb0e1a678", 27);
  }

  @Test
  void aFloatInAnActionIsRefusedRatherThanHashedDifferently() {
    final ObjectNode a = F.objectNode().put("type", "dummy").put("num", 0.5);
    assertThrows(IllegalArgumentException.class, () -> l1(a, Optional.empty(), Network.MAINNET));
  }
}
