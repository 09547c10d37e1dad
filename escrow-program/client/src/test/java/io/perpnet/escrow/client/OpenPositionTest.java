package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.EscrowWorld;
import io.perpnet.escrow.testing.LocalValidator;
import io.perpnet.escrow.token.SplToken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.tx.Ed25519Precompile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.p2p.solanaj.core.PublicKey;

/** open_position from Java: the consensus module's doubly signed MatchTerms opened by the escrow. */
class OpenPositionTest {
  private static final long USDC = EscrowWorld.USDC;
  private static final long ORACLE_PRICE = 67_000_000_000L; // 67,000 USDC per BTC
  private static final Ed25519KeyPair TRADER = Fixtures.TRADER;
  private static final Ed25519KeyPair MAKER = Fixtures.MAKER;
  private static EscrowWorld world;
  private static EscrowClient client;
  private static Bytes32 programId;
  private static PublicKey vault;
  private static SplToken token;
  private static Ed25519KeyPair admin;
  private static LocalValidator validator;

  @BeforeAll
  static void setUp() throws Exception {
    world = EscrowWorld.start();
    client = world.client;
    programId = world.programId;
    vault = world.vault;
    token = world.token;
    admin = world.admin;
    validator = world.validator;
    world.oracles(2, 3);
    client.createMarket(admin, MarketConfig.BTC_PERP);
    client.createMarket(admin, MarketConfig.ETH_PERP); // never priced: its oracle is stale
    world.postPrice(1, ORACLE_PRICE, 2);
    world.onboard(TRADER, 10_000 * USDC, 10_000 * USDC);
    world.onboard(MAKER, 10_000 * USDC, 10_000 * USDC);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (world != null) {
      world.close();
    }
  }

  private static Ed25519KeyPair funded(final Ed25519KeyPair k) throws RpcError {
    return world.funded(k);
  }

  private static PublicKey key(final Ed25519KeyPair k) {
    return EscrowClient.key(k);
  }

  private static Signed<MatchTerms> match(final MarketParams market, final long size, final long price,
      final int leverage, final long acceptExpiryMs) throws Exception {
    return world.match(TRADER, MAKER, market, EscrowWorld.Trade.of(size, price, leverage).expiringAt(acceptExpiryMs));
  }

  private static Signed<MatchTerms> btc(final long size, final long price, final int leverage) throws Exception {
    return match(MarketParams.BTC_PERP, size, price, leverage, System.currentTimeMillis() + 30_000);
  }

  private long total() throws RpcError {
    final EscrowAccounts.Margin t = client.margin(key(TRADER)).orElseThrow();
    final EscrowAccounts.Margin m = client.margin(key(MAKER)).orElseThrow();
    return t.free() + t.locked() + m.free() + m.locked() + client.config().orElseThrow().feeTreasury();
  }

  @Test
  void bothSignaturesOpenThePositionLockMarginsAndChargeFees() throws Exception {
    final Signed<MatchTerms> match = btc(1_500_000L, 67_050_000_000L, 10); // 0.015 BTC at 67,050
    final EscrowAccounts.Margin traderBefore = client.margin(key(TRADER)).orElseThrow();
    final EscrowAccounts.Margin makerBefore = client.margin(key(MAKER)).orElseThrow();
    final long feesBefore = client.config().orElseThrow().feeTreasury();
    final String sig = client.openPosition(funded(Ed25519KeyPair.generate()), match);

    final MatchTerms t = match.payload();
    final EscrowAccounts.Position position = client.position(match).orElseThrow();
    assertArrayEquals(match.hash().bytes(), position.matchId());
    assertEquals(key(TRADER), position.trader());
    assertEquals(t.size(), position.size());
    assertEquals(t.price(), position.entryPrice());
    assertEquals(500, position.fundingPpm());
    // notional = ceil(1,500,000 x 67,050,000,000 / 10^8) = 1,005,750,000; margins 10x and 20x
    assertEquals(100_575_000L, t.traderMargin());
    assertEquals(50_287_500L, t.makerMargin());
    final long takerFee = 502_875L; // ceil(1,005,750,000 x 5 / 10,000)
    final long makerFee = 201_150L; // ceil(1,005,750,000 x 2 / 10,000)
    final EscrowAccounts.Margin trader = client.margin(key(TRADER)).orElseThrow();
    final EscrowAccounts.Margin maker = client.margin(key(MAKER)).orElseThrow();
    assertEquals(traderBefore.free() - t.traderMargin() - takerFee, trader.free());
    assertEquals(traderBefore.locked() + t.traderMargin(), trader.locked());
    assertEquals(makerBefore.free() - t.makerMargin() - makerFee, maker.free());
    assertEquals(feesBefore + takerFee + makerFee, client.config().orElseThrow().feeTreasury());
    assertEquals(token.balance(vault), total(), "the vault holds exactly free + locked + fees");

    final long units = validator.rpc.computeUnits(sig);
    CuReport.record("open_position", units);
    assertTrue(units <= 20_000, "open_position used " + units + " CU");

    // the same match again: the position's address is taken, nothing moves
    assertThrows(RpcError.class, () -> client.openPosition(funded(Ed25519KeyPair.generate()), match));
    assertEquals(trader, client.margin(key(TRADER)).orElseThrow());
  }

  @Test
  void badTermsAreRefusedWithTheirOwnCodesAndMoveNothing() throws Exception {
    final Ed25519KeyPair payer = funded(Ed25519KeyPair.generate());
    final long before = total();
    final EscrowAccounts.Margin trader = client.margin(key(TRADER)).orElseThrow();
    expect(EscrowError.EXPIRED, () -> client.openPosition(payer,
        match(MarketParams.BTC_PERP, 1_000_000L, ORACLE_PRICE, 10, System.currentTimeMillis() - 5_000)));
    expect(EscrowError.PRICE_OUTSIDE_BAND, () -> client.openPosition(payer, btc(1_000_000L, 80_000_000_000L, 10)));
    expect(EscrowError.STALE_ORACLE, () -> client.openPosition(payer,
        match(MarketParams.ETH_PERP, 1_000_000_000L, 3_000_000_000L, 10, System.currentTimeMillis() + 30_000)));
    expect(EscrowError.INSUFFICIENT_COLLATERAL, () -> client.openPosition(payer, btc(200_000_000L, ORACLE_PRICE, 10)));
    expect(EscrowError.LEVERAGE, () -> client.openPosition(payer, btc(1_000_000L, ORACLE_PRICE, 60)));
    // the maker's precompile signature is an outsider's, over the same bytes
    final Signed<MatchTerms> match = btc(1_000_000L, ORACLE_PRICE, 10);
    final Ed25519KeyPair outsider = Fixtures.OUTSIDER;
    expect(EscrowError.WRONG_SIGNER, () -> client.send(List.of(
        Ed25519Precompile.verify(TRADER.publicKey(), match.signature(0), match.bytes()),
        Ed25519Precompile.verify(outsider.publicKey(), outsider.sign(match.bytes()), match.bytes()),
        client.instructions().openPosition(key(payer), 1, client.program().position(match.payload()), key(TRADER), key(MAKER), 0, 1)), payer));
    assertEquals(before, total());
    assertEquals(trader, client.margin(key(TRADER)).orElseThrow());
  }

  @Test
  void fundingAccruesWithTimeAndMovesBetweenTheLockedMargins() throws Exception {
    final Signed<MatchTerms> match = btc(1_000_000L, ORACLE_PRICE, 10); // funding 500 ppm per 8 h, trader pays
    final Ed25519KeyPair anyone = funded(Ed25519KeyPair.generate());
    client.openPosition(anyone, match);
    final EscrowAccounts.Position opened = client.position(match).orElseThrow();
    final long totalBefore = total();
    final EscrowAccounts.Margin traderBefore = client.margin(key(TRADER)).orElseThrow();
    awaitClockPast(opened.fundedUntilMs() + 2_000);
    final String sig = client.settleFunding(anyone, opened);
    final EscrowAccounts.Position settled = client.position(match).orElseThrow();
    final long elapsed = settled.fundedUntilMs() - opened.fundedUntilMs();
    assertTrue(elapsed >= 2_000, "elapsed " + elapsed);
    // notional at mark = ceil(1,000,000 x 67,000,000,000 / 10^8) = 670,000,000; 500 ppm per 8 h
    final long perPeriod = 670_000_000L * 500 / 1_000_000; // 335,000 per 8 hours
    final long expected = java.math.BigInteger.valueOf(perPeriod).multiply(java.math.BigInteger.valueOf(elapsed))
        .divide(java.math.BigInteger.valueOf(28_800_000L)).longValueExact();
    assertTrue(expected > 0);
    assertEquals(opened.traderMargin() - expected, settled.traderMargin());
    assertEquals(opened.makerMargin() + expected, settled.makerMargin());
    assertEquals(traderBefore.locked() - expected, client.margin(key(TRADER)).orElseThrow().locked());
    assertEquals(totalBefore, total(), "funding only moves money between the two sides");
    final long units = validator.rpc.computeUnits(sig);
    CuReport.record("settle_funding", units);
    assertTrue(units <= 5_000, "settle_funding used " + units + " CU");
  }

  @Test
  void closeAtMarkSettlesPnlAndChargesTheCloserTheTakerFee() throws Exception {
    final Signed<MatchTerms> match = btc(1_500_000L, 67_050_000_000L, 10); // long 0.015 BTC at 67,050; mark 67,000
    final Ed25519KeyPair anyone = funded(Ed25519KeyPair.generate());
    client.openPosition(anyone, match);
    final EscrowAccounts.Position position = client.position(match).orElseThrow();
    expect(EscrowError.NOT_A_PARTY, () -> client.closeAtMark(funded(Fixtures.OUTSIDER), position));
    final EscrowAccounts.Margin traderBefore = client.margin(key(TRADER)).orElseThrow();
    final EscrowAccounts.Margin makerBefore = client.margin(key(MAKER)).orElseThrow();
    final long fees = client.config().orElseThrow().feeTreasury();
    final String sig = client.closeAtMark(TRADER, position);

    final long pnl = 750_000L; // (67,050 - 67,000) x 0.015 BTC, the trader's loss
    final long fee = 502_500L; // ceil(ceil(1,500,000 x 67,000,000,000 / 10^8) x 5 / 10,000)
    final EscrowAccounts.Margin trader = client.margin(key(TRADER)).orElseThrow();
    final EscrowAccounts.Margin maker = client.margin(key(MAKER)).orElseThrow();
    final long funding = traderBefore.free() + position.traderMargin() - pnl - fee - trader.free(); // paid to the maker
    assertTrue(funding >= 0 && funding < 1_000, "funding over seconds is tiny: " + funding);
    assertEquals(makerBefore.free() + position.makerMargin() + pnl + funding, maker.free());
    assertEquals(traderBefore.locked() - position.traderMargin(), trader.locked());
    assertEquals(traderBefore.openPositions() - 1, trader.openPositions());
    assertEquals(fees + fee, client.config().orElseThrow().feeTreasury());
    assertEquals(token.balance(vault), total(), "the vault holds exactly free + locked + fees");
    assertTrue(client.position(match).orElseThrow().closed());
    final Settlement settled = Settlement.fromLogs(validator.rpc.transactionLogs(sig)).orElseThrow();
    assertEquals(new Settlement(Settlement.How.AT_MARK, false, Settlement.FeePayer.TRADER, ORACLE_PRICE, pnl, fee, 0,
        position.traderMargin() - funding, position.makerMargin() + funding, trader.free() - traderBefore.free(),
        maker.free() - makerBefore.free()), settled, "the transaction itemises the close");
    assertEquals(-pnl, settled.pnlOf(true));
    final var history = validator.rpc.signaturesFor(client.program().position(position).address().toByteArray(), 10);
    assertEquals(sig, history.get(0).signature(), "the close is the position's newest transaction");
    final var landed = validator.rpc.landed(sig).orElseThrow();
    assertEquals(settled, Settlement.fromLogs(landed.logs()).orElseThrow());
    assertTrue(!landed.failed() && landed.blockTimeMs() > 0, landed.toString());
    assertEquals(fee, settled.feeOf(true));
    assertEquals(0, settled.feeOf(false));
    final long units = validator.rpc.computeUnits(sig);
    CuReport.record("close_at_mark", units);
    assertTrue(units <= 12_000, "close_at_mark used " + units + " CU");
    expect(EscrowError.POSITION_CLOSED, () -> client.closeAtMark(MAKER, position));
  }

  @Test
  void bothSignaturesCloseAtTheAgreedPrice() throws Exception {
    final Signed<MatchTerms> match = btc(1_000_000L, ORACLE_PRICE, 10); // long 0.01 BTC at 67,000
    final Ed25519KeyPair anyone = funded(Ed25519KeyPair.generate());
    client.openPosition(anyone, match);
    final EscrowAccounts.Position position = client.position(match).orElseThrow();
    final EscrowAccounts.Margin traderBefore = client.margin(key(TRADER)).orElseThrow();
    final long now = System.currentTimeMillis();
    final Signed<io.perpnet.consensus.message.CloseTerms> close = Signed.sign(new io.perpnet.consensus.message.CloseTerms(
        new Header(1, programId, now + 30_000, world.nextNonce()), match.hash(), TRADER.publicKey(), MAKER.publicKey(),
        68_000_000_000L, 1_000_000L), TRADER, MAKER);
    final Signed<io.perpnet.consensus.message.CloseTerms> wrongSize = Signed.sign(
        new io.perpnet.consensus.message.CloseTerms(new Header(1, programId, now + 30_000, world.nextNonce()), match.hash(),
            TRADER.publicKey(), MAKER.publicKey(), 68_000_000_000L, 999_999L), TRADER, MAKER);
    expect(EscrowError.BAD_CLOSE_TERMS, () -> client.closeMutual(anyone, position, wrongSize));
    final String sig = client.closeMutual(anyone, position, close);
    final long pnl = 10_000_000L; // (68,000 - 67,000) x 0.01 BTC, the trader's gain
    final EscrowAccounts.Margin trader = client.margin(key(TRADER)).orElseThrow();
    final long funding = traderBefore.free() + position.traderMargin() + pnl - trader.free();
    assertTrue(funding >= 0 && funding < 1_000, "funding " + funding);
    assertEquals(token.balance(vault), total());
    final Settlement settled = Settlement.fromLogs(validator.rpc.transactionLogs(sig)).orElseThrow();
    assertEquals(new Settlement(Settlement.How.MUTUAL, true, Settlement.FeePayer.NONE, 68_000_000_000L, pnl, 0, 0,
        position.traderMargin() - funding, position.makerMargin() + funding, trader.free() - traderBefore.free(),
        position.makerMargin() + funding - pnl), settled, "a mutual close is itemised too, without a fee");
    final long units = validator.rpc.computeUnits(sig);
    CuReport.record("close_mutual", units);
    assertTrue(units <= 12_000, "close_mutual used " + units + " CU");
  }

  @Test
  void aPausedMarketOpensNothing() throws Exception {
    final Signed<MatchTerms> match = btc(1_000_000L, ORACLE_PRICE, 10);
    client.setPaused(admin, 1, true);
    try {
      expect(EscrowError.PAUSED, () -> client.openPosition(funded(Ed25519KeyPair.generate()), match));
    } finally {
      client.setPaused(admin, 1, false);
    }
    client.openPosition(funded(Ed25519KeyPair.generate()), match);
    assertTrue(client.position(match).isPresent());
  }

  @Test
  void aStaleOracleStopsFundingClosesAndLiquidationWithItsOwnError() throws Exception {
    final Signed<MatchTerms> match = btc(1_000_000L, ORACLE_PRICE, 10);
    client.openPosition(funded(Ed25519KeyPair.generate()), match);
    final EscrowAccounts.Position position = client.position(match).orElseThrow();
    final MarketConfig btc = MarketConfig.BTC_PERP;
    final MarketConfig impatient = new MarketConfig(btc.id(), btc.symbol(), btc.baseDecimals(), btc.maxLeverage(),
        btc.initialMarginBps(), btc.maintenanceMarginBps(), btc.takerFeeBps(), btc.makerFeeBps(), btc.liquidationFeeBps(),
        btc.liquidatorShareBps(), btc.maxOracleSpreadBps(), btc.priceBandBps(), btc.fundingCapPpm(), 1);
    client.updateMarket(admin, impatient); // a 1 ms staleness window: the stored price is stale from the next second on
    try {
      awaitClockPast(client.market(1).orElseThrow().priceTimeMs() + 1_000);
      final Ed25519KeyPair liquidator = funded(Ed25519KeyPair.generate());
      client.createMargin(liquidator);
      expect(EscrowError.STALE_ORACLE, () -> client.settleFunding(admin, position));
      expect(EscrowError.STALE_ORACLE, () -> client.closeAtMark(TRADER, position));
      expect(EscrowError.STALE_ORACLE, () -> client.liquidate(liquidator, position));
      expect(EscrowError.STALE_ORACLE, () -> client.openPosition(admin, btc(1_000_000L, ORACLE_PRICE, 10)));
    } finally {
      client.updateMarket(admin, btc);
      world.postPrice(1, ORACLE_PRICE, 2);
    }
    client.closeAtMark(TRADER, position);
  }

  /** Polls the Clock sysvar (1 s resolution) until it passes {@code ms}; bounded by a deadline. */
  private static void awaitClockPast(final long ms) throws Exception {
    final byte[] clockId = new PublicKey("SysvarC1ock11111111111111111111111111111111").toByteArray();
    final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      final byte[] clock = validator.rpc.accountData(clockId).orElseThrow();
      final long seconds = java.nio.ByteBuffer.wrap(clock).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(32);
      if (seconds * 1000 > ms) {
        return;
      }
      Thread.onSpinWait();
      validator.rpc.latestBlockhash(); // one round trip per poll
    }
    throw new AssertionError("the clock did not pass " + ms);
  }

  private static void expect(final EscrowError expected, final Executable call) {
    final RpcError e = assertThrows(RpcError.class, call);
    assertEquals(expected, EscrowError.of(e.customError()), e.getMessage());
  }
}
