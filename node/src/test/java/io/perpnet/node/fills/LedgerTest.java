package io.perpnet.node.fills;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private static Fill fill(final int market, final Fill.Kind kind, final long fee, final long funding) {
    return new Fill(new byte[32], kind, false, true, market, 1, 1, fee, funding, 0, 100, 0, 1, new byte[64]);
  }

  @Test
  void feesByKindAndFundingBySignPerMarketAndInAll() {
    final Ledger l = Ledger.of(List.of(fill(1, Fill.Kind.OPEN, 50, 0), fill(1, Fill.Kind.CLOSED_AT_MARK, 51, -7),
        fill(1, Fill.Kind.LIQUIDATED, 330, 4), fill(2, Fill.Kind.OPEN, 20, 0),
        fill(2, Fill.Kind.CLOSED_BY_AGREEMENT, 0, 12)), List.of(Map.entry(2, -3L), Map.entry(3, 5L)));
    assertEquals(new Ledger.Sums(50, 51, 330, 7, 4), l.byMarket().get(1));
    assertEquals(new Ledger.Sums(20, 0, 0, 3, 12), l.byMarket().get(2));
    assertEquals(new Ledger.Sums(0, 0, 0, 0, 5), l.byMarket().get(3), "an open position's funding so far");
    final Ledger.Sums all = l.total();
    assertEquals(451, all.fees());
    assertEquals(10, all.fundingPaid());
    assertEquals(21, all.fundingReceived());
    assertEquals(11, all.fundingNet());
  }

  @Test
  void nothingIsZero() {
    assertEquals(Ledger.Sums.ZERO, Ledger.of(List.of(), List.of()).total());
  }
}
