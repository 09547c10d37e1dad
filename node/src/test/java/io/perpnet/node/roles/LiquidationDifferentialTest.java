package io.perpnet.node.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowError;
import io.perpnet.escrow.client.Health;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.testing.EscrowWorld;
import io.perpnet.node.liquidator.Liquidation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The liquidator's rule against the program's own liquidate, on random positions on the local
 * validator, each priced a few units either side of one side's liquidation line: the prediction
 * and the program's answer (liquidated, or NOT_LIQUIDATABLE) agree every time. A position with
 * funding accrues it by the chain's clock, known only to the second; where the prediction at
 * both ends of that second's window differs, the case is not counted (a few, at the line).
 */
class LiquidationDifferentialTest {
  private static final long PRICE = 70_000_000_000L;
  private static final int POSITIONS = 40;

  @Test
  void theLiquidatorPredictsTheProgramsLiquidateExactly() throws Exception {
    try (EscrowWorld world = EscrowWorld.start()) {
      world.oracles(2, 3);
      world.client.createMarket(world.admin, MarketConfig.BTC_PERP);
      final Ed25519KeyPair trader = Ed25519KeyPair.generate();
      final Ed25519KeyPair maker = Ed25519KeyPair.generate();
      final Ed25519KeyPair liquidator = Ed25519KeyPair.generate();
      world.onboard(trader, 10_000_000 * EscrowWorld.USDC, 10_000_000 * EscrowWorld.USDC);
      world.onboard(maker, 10_000_000 * EscrowWorld.USDC, 10_000_000 * EscrowWorld.USDC);
      world.onboard(liquidator, 0, 0);
      final SplittableRandom r = new SplittableRandom(2026);
      int compared = 0;
      int liquidated = 0;
      int timeSensitive = 0;
      for (int i = 0; i < POSITIONS; i++) {
        world.postPrice(1, PRICE, 2);
        final Side side = r.nextBoolean() ? Side.LONG : Side.SHORT;
        final long price = PRICE + r.nextLong(-PRICE / 1_000, PRICE / 1_000);
        final int funding = r.nextInt(3) == 0 ? 0 : r.nextInt(-9_000, 9_000);
        final Signed<MatchTerms> match = world.match(trader, maker, MarketParams.BTC_PERP,
            EscrowWorld.Trade.of(r.nextLong(100_000, 200_000_000), price, r.nextInt(1, 41)).side(side)
                .maker(r.nextInt(1, 41), funding));
        world.client.openPosition(world.admin, match);
        final EscrowAccounts.Position p = world.client.position(match).orElseThrow();
        final boolean aimAtTrader = r.nextBoolean();
        final long line = Health.of(p, aimAtTrader, PRICE, MarketConfig.BTC_PERP).liquidationPrice();
        final long mark = Math.max(1, line + r.nextLong(-3, 4));
        world.postPrice(1, mark, 2);
        final long before = System.currentTimeMillis();
        boolean outcome;
        try {
          world.client.liquidate(liquidator, p);
          outcome = true;
        } catch (RpcError e) {
          assertEquals(EscrowError.NOT_LIQUIDATABLE.code(), e.customError(), e.getMessage());
          outcome = false;
          world.client.closeAtMark(trader, p); // out of the way of the next positions' margins
        }
        final long after = System.currentTimeMillis();
        // the program's clock is whole seconds, set when a slot (400 ms) starts
        final boolean early = Liquidation.at(p, mark, MarketConfig.BTC_PERP, Math.floorDiv(before - 1_000, 1_000) * 1_000)
            .liquidatable();
        final boolean late = Liquidation.at(p, mark, MarketConfig.BTC_PERP, Math.floorDiv(after, 1_000) * 1_000)
            .liquidatable();
        if (early != late) {
          timeSensitive++;
          continue;
        }
        assertEquals(early, outcome, "position " + i + " at " + mark + " (line " + line + "): " + p);
        compared++;
        liquidated += outcome ? 1 : 0;
      }
      assertTrue(compared >= POSITIONS * 3 / 4, compared + " compared, " + timeSensitive + " too close to call");
      assertTrue(liquidated > 0 && liquidated < compared, "both answers were seen: " + liquidated + " of " + compared);
      Conservation.check(world);
    }
  }
}
