package io.perpnet.escrow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;

/** The program's health formulas, by hand on one position, and the liquidation price as the boundary. */
class HealthTest {
  private static final MarketConfig BTC = MarketConfig.BTC_PERP; // 8 decimals, maintenance 100 bps at 50x

  /** 0.01 BTC long at 67,000 for the trader: 67 USDC of trader margin (10x), 33.5 of maker margin (20x). */
  private static EscrowAccounts.Position position(final int traderSide) {
    return new EscrowAccounts.Position(traderSide, false, 1, new byte[32], new PublicKey(new byte[32]),
        new PublicKey(new byte[32]), 1_000_000L, 67_000_000_000L, 67_000_000L, 33_500_000L, 0, 0, 0, 255);
  }

  @Test
  void equityPnlAndMaintenanceAsTheProgramComputesThem() {
    final Health h = Health.of(position(0), true, 66_000_000_000L, BTC);
    assertEquals(660_000_000L, h.notionalAtMark(), "ceil(0.01 x 66,000) = 660 USDC");
    assertEquals(-10_000_000L, h.pnl(), "the long lost 10 USDC");
    assertEquals(57_000_000L, h.equity());
    assertEquals(6_600_000L, h.maintenance(), "1% of 660");
    assertFalse(h.liquidatable());
    final Health maker = Health.of(position(0), false, 66_000_000_000L, BTC);
    assertEquals(10_000_000L, maker.pnl(), "the maker is short: it gained");
    assertEquals(43_500_000L, maker.equity());
  }

  @Test
  void theLiquidationPriceIsTheBoundary() {
    for (final int side : new int[] {0, 1}) {
      for (final boolean trader : new boolean[] {true, false}) {
        final EscrowAccounts.Position p = position(side);
        final long liq = Health.of(p, trader, p.entryPrice(), BTC).liquidationPrice();
        final boolean weAreLong = trader == (side == 0);
        final long beyond = weAreLong ? liq - 1_000_000 : liq + 1_000_000; // one USDC past it
        final long inside = weAreLong ? liq + 1_000_000 : liq - 1_000_000;
        assertTrue(Health.of(p, trader, beyond, BTC).liquidatable(), "beyond " + liq);
        assertFalse(Health.of(p, trader, inside, BTC).liquidatable(), "inside " + liq);
        assertTrue(weAreLong ? liq < p.entryPrice() : liq > p.entryPrice());
      }
    }
  }
}
