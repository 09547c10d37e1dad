package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.EscrowWorld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.rpc.RpcError;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** liquidate from Java: below maintenance only, the fee split, and shortfalls never creating money. */
class LiquidationTest {
  private static final long USDC = EscrowWorld.USDC;
  private static final Ed25519KeyPair TRADER = Fixtures.TRADER;
  private static final Ed25519KeyPair MAKER = Fixtures.MAKER;
  private static EscrowWorld world;
  private static EscrowClient client;
  private static Ed25519KeyPair liquidator;

  @BeforeAll
  static void setUp() throws Exception {
    world = EscrowWorld.start();
    client = world.client;
    world.oracles(2, 2);
    client.createMarket(world.admin, MarketConfig.BTC_PERP);
    post(67_000_000_000L);
    world.onboard(TRADER, 10_000 * USDC, 10_000 * USDC);
    world.onboard(MAKER, 10_000 * USDC, 10_000 * USDC);
    liquidator = world.funded(Ed25519KeyPair.generate());
    client.createMargin(liquidator);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (world != null) {
      world.close();
    }
  }

  private static void post(final long price) throws RpcError {
    world.postPrice(1, price, 2);
  }

  /** The trader goes long 0.1 BTC at {@code price} with 50x leverage against a 20x maker, no funding. */
  private static EscrowAccounts.Position open(final long price) throws Exception {
    final Signed<MatchTerms> match = world.match(TRADER, MAKER, MarketParams.BTC_PERP,
        EscrowWorld.Trade.of(10_000_000L, price, 50).maker(20, 0));
    client.openPosition(world.admin, match);
    return client.position(match).orElseThrow();
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
    assertTrue(client.position(first.matchId(), first.bump()).orElseThrow().closed());
    assertEquals(world.token.balance(world.vault), total(), "the vault holds exactly free + locked + fees + insurance");
    assertEquals(new Settlement(Settlement.How.LIQUIDATED, false, Settlement.FeePayer.TRADER, 66_000_000_000L, 100 * USDC, fee, 0,
        first.traderMargin(), first.makerMargin(), traderGot, makerGot),
        Settlement.fromLogs(world.validator.rpc.transactionLogs(sig)).orElseThrow(), "the liquidation is itemised");
    final long units = world.validator.rpc.computeUnits(sig);
    CuReport.record("liquidate", units);
    assertTrue(units <= 12_000, "liquidate used " + units + " CU");

    // 3. a crash beyond the margin: the loss (300 USDC) exceeds the trader's 132 USDC margin; the
    //    insurance fund (16.5 USDC) covers what it can and the maker's profit is capped
    final EscrowAccounts.Position second = open(66_000_000_000L);
    post(63_000_000_000L);
    final long insurance = client.config().orElseThrow().insuranceFund();
    final EscrowAccounts.Margin maker2 = client.margin(EscrowClient.key(MAKER)).orElseThrow();
    final String crash = client.liquidate(liquidator, second);
    assertEquals(0, client.config().orElseThrow().insuranceFund(), "the fund paid out all it had");
    final Settlement capped = Settlement.fromLogs(world.validator.rpc.transactionLogs(crash)).orElseThrow();
    assertEquals(second.traderMargin() + insurance, capped.pnl(), "the winner got the loser's margin and the fund");
    assertEquals(insurance, capped.fromInsurance());
    assertEquals(0, capped.finalOf(true));
    assertEquals(second.makerMargin() + second.traderMargin() + insurance,
        client.margin(EscrowClient.key(MAKER)).orElseThrow().free() - maker2.free(), "the winner's profit is capped");
    assertEquals(world.token.balance(world.vault), total(), "no money was created");
  }
}
