package io.perpnet.node.liquidator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.Health;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan's screen hides no liquidatable position: it finds exactly what the exact rule finds. */
class HealthScanTest {
  @Test
  void theScanFindsExactlyWhatTheExactRuleFindsLargestFirst() {
    final List<PositionBook.Entry> book = RandomPositions.of(7, 20_000);
    for (final long mark : new long[] {RandomPositions.PRICE * 90 / 100, RandomPositions.PRICE * 97 / 100,
        RandomPositions.PRICE, RandomPositions.PRICE * 103 / 100, RandomPositions.PRICE * 110 / 100}) {
      final List<HealthScan.Candidate> found = HealthScan.scan(book, mark, RandomPositions.MARKET, RandomPositions.NOW);
      final java.util.Set<String> expected = new java.util.HashSet<>();
      book.stream()
          .filter(e -> Liquidation.at(e.position(), mark, RandomPositions.MARKET, RandomPositions.NOW).liquidatable())
          .forEach(e -> expected.add(java.util.HexFormat.of().formatHex(e.address())));
      final java.util.Set<String> got = new java.util.HashSet<>();
      found.forEach(c -> got.add(java.util.HexFormat.of().formatHex(c.address())));
      assertEquals(expected, got, "at " + mark);
      for (int i = 1; i < found.size(); i++) {
        assertTrue(found.get(i - 1).approximateNotional() >= found.get(i).approximateNotional(), "largest first");
        assertTrue(Math.abs(found.get(i).approximateNotional() - found.get(i).liquidation().notional()) <= 1,
            "the screen's notional is the exact one up to rounding");
        assertTrue(found.get(i).liquidation().liquidatable());
      }
    }
  }

  @Test
  void atTheLiquidationPriceItselfTheScreenStillDefersToTheExactRule() {
    int checked = 0;
    for (final PositionBook.Entry e : RandomPositions.of(11, 2_000)) {
      final EscrowAccounts.Position p = e.position();
      final EscrowAccounts.Position noFunding = new EscrowAccounts.Position(p.side(), false, p.market(), p.matchId(),
          p.trader(), p.maker(), p.size(), p.entryPrice(), p.traderMargin(), p.makerMargin(), 0, p.openedMs(),
          p.fundedUntilMs(), p.bump());
      final long line = Health.of(noFunding, true, RandomPositions.PRICE, RandomPositions.MARKET).liquidationPrice();
      if (line <= 0) {
        continue;
      }
      for (long mark = line - 2; mark <= line + 2; mark++) {
        final boolean exact = Liquidation.at(noFunding, mark, RandomPositions.MARKET, RandomPositions.NOW).traderDown();
        assertEquals(Health.of(noFunding, true, mark, RandomPositions.MARKET).liquidatable(), exact,
            "the escrow client's health and the liquidator agree at " + mark);
        final boolean found = !HealthScan.scan(List.of(new PositionBook.Entry(e.address(), noFunding)), mark,
            RandomPositions.MARKET, RandomPositions.NOW).isEmpty();
        if (exact) {
          assertTrue(found, "a liquidatable position is found at " + mark);
        }
        checked++;
      }
    }
    assertTrue(checked > 5_000, "marks around the line checked: " + checked);
    assertFalse(HealthScan.scan(List.of(), RandomPositions.PRICE, RandomPositions.MARKET, RandomPositions.NOW)
        .iterator().hasNext());
  }
}
