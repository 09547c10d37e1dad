package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.EscrowWorld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.rpc.RpcError;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.p2p.solanaj.core.PublicKey;

/** Markets, the oracle set and post_prices (k-of-n attestations through the Ed25519 precompile) from Java. */
class MarketsAndOraclesTest {
  private static final Ed25519KeyPair[] ORACLES = Fixtures.ORACLES;
  private static EscrowWorld world;
  private static EscrowClient client;
  private static Ed25519KeyPair admin;
  private static Bytes32 programId;

  @BeforeAll
  static void setUp() throws Exception {
    world = EscrowWorld.start();
    client = world.client;
    admin = world.admin;
    programId = world.programId;
    world.oracles(2, 3);
    client.createMarket(admin, MarketConfig.BTC_PERP);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (world != null) {
      world.close();
    }
  }

  private static Ed25519KeyPair funded() throws RpcError {
    return world.funded(Ed25519KeyPair.generate());
  }

  private static PublicKey key(final Ed25519KeyPair k) {
    return EscrowClient.key(k);
  }

  private static Signed<PriceAttestation> attest(final Ed25519KeyPair oracle, final int market, final Bytes32 program,
      final long price, final long ageMs) {
    return world.attest(oracle, market, program, price, ageMs);
  }

  private static Signed<PriceAttestation> attest(final int oracle, final long price) {
    return attest(ORACLES[oracle], 1, programId, price, 0);
  }

  @Test
  void marketsAndOraclesAreStoredAsGiven() throws RpcError {
    final EscrowAccounts.Market market = client.market(1).orElseThrow();
    assertEquals(MarketConfig.BTC_PERP, market.config());
    assertEquals(200, market.config().initialMarginBps());
    assertEquals(100, market.config().maintenanceMarginBps());
    final EscrowAccounts.Config config = client.config().orElseThrow();
    assertEquals(2, config.oracleThreshold());
    assertEquals(List.of(key(ORACLES[0]), key(ORACLES[1]), key(ORACLES[2])), config.oracles());
    final String created = client.createMarket(admin, MarketConfig.SOL_PERP);
    assertEquals(334, client.market(3).orElseThrow().config().initialMarginBps());
    assertEquals(167, client.market(3).orElseThrow().config().maintenanceMarginBps());
    recordUnits("create_market", created);
    recordUnits("set_oracles", client.setOracles(admin, 2, List.of(key(ORACLES[0]), key(ORACLES[1]), key(ORACLES[2]))));
    recordUnits("update_market", client.updateMarket(admin, MarketConfig.SOL_PERP));
    recordUnits("set_paused", client.setPaused(admin, 3, false));
  }

  @Test
  void aQuorumPostsTheMedianAndRecordsItsCost() throws Exception {
    final Ed25519KeyPair anyone = funded();
    final String sig = client.postPrices(anyone, 1, List.of(attest(0, 67_000_000_000L), attest(1, 67_100_000_000L),
        attest(2, 67_050_000_000L)));
    final EscrowAccounts.Market market = client.market(1).orElseThrow();
    assertEquals(67_050_000_000L, market.price());
    assertTrue(Math.abs(market.priceTimeMs() - System.currentTimeMillis()) < 10_000);
    final long units = world.validator.rpc.computeUnits(sig);
    CuReport.record("post_prices", units);
    assertTrue(units <= 12_000, "post_prices with three attestations used " + units + " CU");
    // two newer prices: the mark is the median of every oracle's latest fresh price, oracle 1's included
    client.postPrices(anyone, 1, List.of(attest(0, 67_000_000_001L), attest(2, 67_000_000_002L)));
    assertEquals(67_000_000_002L, client.market(1).orElseThrow().price());
    final EscrowAccounts.Market after = client.market(1).orElseThrow();
    assertEquals(67_000_000_001L, after.oracleSlots().get(0).price());
    assertEquals(67_100_000_000L, after.oracleSlots().get(1).price());
    assertEquals(67_000_000_002L, after.oracleSlots().get(2).price());
    // on a market with no prices yet, two of three are enough (threshold 2); the median of two is their floored mean
    client.createMarket(admin, MarketConfig.defaults(5, "TWO-PERP", 8, 50));
    client.postPrices(anyone, 5, List.of(attest(ORACLES[0], 5, programId, 100_000_001L, 0),
        attest(ORACLES[2], 5, programId, 100_000_002L, 0)));
    assertEquals(100_000_001L, client.market(5).orElseThrow().price());
  }

  @Test
  void badAttestationsAreRefusedWithTheirOwnCodes() throws RpcError {
    final Ed25519KeyPair anyone = funded();
    final long before = client.market(1).orElseThrow().price();
    // one price where no other oracle has a fresh one: below the threshold
    client.createMarket(admin, MarketConfig.defaults(4, "NEW-PERP", 8, 50));
    expect(EscrowError.INSUFFICIENT_QUORUM, () -> client.postPrices(anyone, 4,
        List.of(attest(ORACLES[0], 4, programId, 67_000_000_000L, 0))));
    expect(EscrowError.DUPLICATE_ORACLE, () -> client.postPrices(anyone, 1,
        List.of(attest(0, 67_000_000_000L), attest(0, 67_000_000_000L))));
    expect(EscrowError.UNKNOWN_ORACLE, () -> client.postPrices(anyone, 1,
        List.of(attest(0, 67_000_000_000L), attest(Fixtures.OUTSIDER, 1, programId, 67_000_000_000L, 0))));
    expect(EscrowError.WRONG_MARKET, () -> client.postPrices(anyone, 1,
        List.of(attest(0, 67_000_000_000L), attest(ORACLES[1], 2, programId, 67_000_000_000L, 0))));
    expect(EscrowError.WRONG_PROGRAM_BINDING, () -> client.postPrices(anyone, 1,
        List.of(attest(0, 67_000_000_000L), attest(ORACLES[1], 1, Fixtures.PROGRAM, 67_000_000_000L, 0))));
    expect(EscrowError.STALE_PRICE, () -> client.postPrices(anyone, 1,
        List.of(attest(0, 67_000_000_000L), attest(ORACLES[1], 1, programId, 67_000_000_000L, 70_000))));
    expect(EscrowError.FUTURE_PRICE, () -> client.postPrices(anyone, 1,
        List.of(attest(0, 67_000_000_000L), attest(ORACLES[1], 1, programId, 67_000_000_000L, -10_000))));
    expect(EscrowError.SPREAD_TOO_WIDE, () -> client.postPrices(anyone, 1,
        List.of(attest(0, 67_000_000_000L), attest(1, 68_000_000_000L))));
    // a forged signature never reaches the program: the precompile fails the transaction
    final Signed<PriceAttestation> genuine = attest(1, 67_000_000_000L);
    final byte[] forged = genuine.signature(0);
    forged[5] ^= 1;
    final RpcError e = assertThrows(RpcError.class, () -> client.postPrices(anyone, 1,
        List.of(attest(0, 67_000_000_000L), Signed.of(genuine.payload(), List.of(forged)))));
    assertEquals(-32002, e.code());
    assertEquals(before, client.market(1).orElseThrow().price());
  }

  @Test
  void anOlderQuorumCannotRollThePriceBack() throws RpcError {
    final Ed25519KeyPair anyone = funded();
    client.postPrices(anyone, 1, List.of(attest(0, 67_200_000_000L), attest(1, 67_200_000_000L)));
    final EscrowAccounts.Market fresh = client.market(1).orElseThrow();
    expect(EscrowError.STALE_PRICE, () -> client.postPrices(anyone, 1, List.of(
        attest(ORACLES[0], 1, programId, 60_000_000_000L, 30_000), attest(ORACLES[1], 1, programId, 60_000_000_000L, 30_000))));
    assertEquals(fresh, client.market(1).orElseThrow());
  }

  @Test
  void onlyTheAdminManagesMarketsAndOracles() throws RpcError {
    final Ed25519KeyPair stranger = funded();
    expect(EscrowError.NOT_ADMIN, () -> client.createMarket(stranger, MarketConfig.ETH_PERP));
    expect(EscrowError.NOT_ADMIN, () -> client.setOracles(stranger, 1, List.of(key(stranger))));
    final MarketConfig tooMuchLeverage = new MarketConfig(2, "ETH-PERP", 9, 50, 100, 50, 5, 2, 50, 5_000, 100, 500,
        10_000, 60_000); // 1% initial margin cannot carry 50x
    expect(EscrowError.INVALID_MARKET_PARAMS, () -> client.createMarket(admin, tooMuchLeverage));
    expect(EscrowError.INVALID_ORACLE_SET, () -> client.setOracles(admin, 3, List.of(key(ORACLES[0]), key(ORACLES[1]))));
    expect(EscrowError.INVALID_ORACLE_SET, () -> client.setOracles(admin, 1, List.of(key(ORACLES[0]), key(ORACLES[0]))));
    final MarketConfig wider = new MarketConfig(1, "BTC-PERP", 8, 50, 200, 100, 5, 2, 50, 5_000, 150, 100, 10_000,
        60_000);
    client.updateMarket(admin, wider);
    assertEquals(150, client.market(1).orElseThrow().config().maxOracleSpreadBps());
    client.updateMarket(admin, MarketConfig.BTC_PERP);
  }

  @Test
  void pausingStopsTheMarketOrEverythingAndOnlyTheAdminMayPause() throws RpcError {
    final Ed25519KeyPair anyone = funded();
    expect(EscrowError.NOT_ADMIN, () -> client.setPaused(anyone, null, true));
    client.setPaused(admin, 1, true);
    assertTrue(client.market(1).orElseThrow().paused());
    client.setPaused(admin, 1, false);
    client.setPaused(admin, null, true);
    assertTrue(client.config().orElseThrow().paused());
    expect(EscrowError.PAUSED, () -> client.postPrices(anyone, 1, List.of(attest(0, 67_300_000_000L),
        attest(1, 67_300_000_000L))));
    client.setPaused(admin, null, false);
    client.postPrices(anyone, 1, List.of(attest(0, 67_300_000_000L), attest(1, 67_300_000_000L)));
  }

  private static void recordUnits(final String instruction, final String signature) throws RpcError {
    try {
      CuReport.record(instruction, world.validator.rpc.computeUnits(signature));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void expect(final EscrowError expected, final Executable call) {
    final RpcError e = assertThrows(RpcError.class, call);
    assertEquals(expected, EscrowError.of(e.customError()), e.getMessage());
  }
}
