package io.perpnet.escrow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.Agreement;
import io.perpnet.escrow.rpc.RpcError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;

/** liquidate from Java: below maintenance only, the fee split, and shortfalls never creating money. */
class LiquidationTest {
  private static final long USDC = 1_000_000L;
  private static final Ed25519KeyPair TRADER = Fixtures.TRADER;
  private static final Ed25519KeyPair MAKER = Fixtures.MAKER;
  private static LocalValidator validator;
  private static EscrowClient client;
  private static Bytes32 programId;
  private static PublicKey vault;
  private static SplToken token;
  private static Ed25519KeyPair liquidator;
  private static Ed25519KeyPair admin;
  private static long nonce = 1;

  @BeforeAll
  static void setUp() throws Exception {
    validator = LocalValidator.start();
    client = new EscrowClient(validator.rpc, new EscrowProgram(new PublicKey(LocalValidator.PROGRAM_ID)));
    programId = Bytes32.wrap(client.program().programId().toByteArray());
    admin = funded(Ed25519KeyPair.generate());
    token = new SplToken(client, validator.rpc, admin);
    final PublicKey mint = token.createMint();
    client.initialize(admin, mint);
    vault = client.program().vault().address();
    client.setOracles(admin, 2, List.of(EscrowClient.key(Fixtures.ORACLES[0]), EscrowClient.key(Fixtures.ORACLES[1])));
    client.createMarket(admin, MarketConfig.BTC_PERP);
    post(67_000_000_000L);
    for (final Ed25519KeyPair agent : List.of(TRADER, MAKER)) {
      funded(agent);
      final PublicKey wallet = token.createAccount(mint, EscrowClient.key(agent), 10_000 * USDC);
      client.createMargin(agent);
      client.deposit(agent, wallet, 10_000 * USDC);
    }
    liquidator = funded(Ed25519KeyPair.generate());
    client.createMargin(liquidator);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (validator != null) {
      validator.close();
    }
  }

  private static Ed25519KeyPair funded(final Ed25519KeyPair k) throws RpcError {
    validator.rpc.awaitConfirmation(validator.rpc.requestAirdrop(k.publicKey().bytes(), 10_000_000_000L),
        Duration.ofSeconds(30));
    return k;
  }

  /** Both oracles attest {@code price} now; a later quorum than the stored one. */
  private static void post(final long price) throws RpcError {
    final long now = System.currentTimeMillis();
    final List<Signed<PriceAttestation>> atts = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      final Ed25519KeyPair k = Fixtures.ORACLES[i];
      atts.add(Signed.sign(new PriceAttestation(new Header(1, programId, now + 60_000, nonce++), k.publicKey(), price,
          now), k));
    }
    client.postPrices(admin, 1, atts);
  }

  /** The trader goes long 0.1 BTC at {@code price} with 50x leverage against a 20x maker. */
  private static EscrowAccounts.Position open(final long price) throws Exception {
    final long now = System.currentTimeMillis();
    final long size = 10_000_000L;
    final Signed<Intent> intent = Signed.sign(new Intent(new Header(1, programId, now + 60_000, nonce++),
        TRADER.publicKey(), size, Long.MAX_VALUE / 4, 0, 1_000, 50, Side.LONG), TRADER);
    final Signed<Quote> quote = Signed.sign(new Quote(new Header(1, programId, now + 60_000, nonce++),
        MAKER.publicKey(), intent.hash(), price, size, 0, 20), MAKER);
    final Signed<Accept> accept = Signed.sign(new Accept(new Header(1, programId, now + 30_000, nonce++),
        TRADER.publicKey(), quote.hash(), size), TRADER);
    final Signed<MatchTerms> match = Signed.sign(Agreement.derive(intent, quote, accept, MarketParams.BTC_PERP),
        TRADER, MAKER);
    client.openPosition(admin, match);
    return client.position(match.hash().bytes()).orElseThrow();
  }

  private static long total() throws RpcError {
    long sum = 0;
    for (final Ed25519KeyPair k : List.of(TRADER, MAKER, liquidator)) {
      final EscrowAccounts.Margin m = client.margin(EscrowClient.key(k)).orElseThrow();
      sum += m.free() + m.locked();
    }
    final EscrowAccounts.Config c = client.config().orElseThrow();
    return sum + c.feeTreasury() + c.insuranceFund();
  }

  @Test
  void onlyBelowMaintenanceAndThenTheFeeIsSplitAndShortfallsNeverCreateMoney() throws Exception {
    // 1. 0.1 BTC long at 67,000 with 50x: margin 134 USDC; maintenance at mark 1%
    post(67_000_000_000L);
    final EscrowAccounts.Position first = open(67_000_000_000L);
    assertEquals(134 * USDC, first.traderMargin());
    final RpcError healthy = assertThrows(RpcError.class, () -> client.liquidate(liquidator, first));
    assertEquals(EscrowError.NOT_LIQUIDATABLE, EscrowError.of(healthy.customError()));

    // 2. mark 66,000: equity 134 - 100 = 34 USDC < 66 USDC maintenance
    post(66_000_000_000L);
    final EscrowAccounts.Margin traderBefore = client.margin(EscrowClient.key(TRADER)).orElseThrow();
    final EscrowAccounts.Margin makerBefore = client.margin(EscrowClient.key(MAKER)).orElseThrow();
    final String sig = client.liquidate(liquidator, first);
    final long fee = 33 * USDC; // 0.5% of 6,600 USDC at mark
    final EscrowAccounts.Config config = client.config().orElseThrow();
    assertEquals(fee / 2, client.margin(EscrowClient.key(liquidator)).orElseThrow().free());
    assertEquals(fee / 2, config.insuranceFund());
    final long traderGot = client.margin(EscrowClient.key(TRADER)).orElseThrow().free() - traderBefore.free();
    final long makerGot = client.margin(EscrowClient.key(MAKER)).orElseThrow().free() - makerBefore.free();
    assertEquals(first.traderMargin() + first.makerMargin() - fee, traderGot + makerGot, "margins out, less the fee");
    assertEquals(first.makerMargin() + 100 * USDC, makerGot, "the maker receives the trader's loss (no funding here)");
    assertTrue(client.position(first.matchId()).orElseThrow().closed());
    assertEquals(token.balance(vault), total(), "the vault holds exactly free + locked + fees + insurance");
    final long units = validator.rpc.computeUnits(sig);
    CuReport.record("liquidate", units);
    assertTrue(units <= 12_000, "liquidate used " + units + " CU");

    // 3. a crash beyond the margin: the loss (300 USDC) exceeds the trader's 132 USDC margin; the
    //    insurance fund (16.5 USDC) covers what it can and the maker's profit is capped
    final EscrowAccounts.Position second = open(66_000_000_000L);
    post(63_000_000_000L);
    final long insurance = client.config().orElseThrow().insuranceFund();
    final EscrowAccounts.Margin maker2 = client.margin(EscrowClient.key(MAKER)).orElseThrow();
    client.liquidate(liquidator, second);
    assertEquals(0, client.config().orElseThrow().insuranceFund(), "the fund paid out all it had");
    assertEquals(second.makerMargin() + second.traderMargin() + insurance,
        client.margin(EscrowClient.key(MAKER)).orElseThrow().free() - maker2.free(), "the winner's profit is capped");
    assertEquals(token.balance(vault), total(), "no money was created");
  }
}
