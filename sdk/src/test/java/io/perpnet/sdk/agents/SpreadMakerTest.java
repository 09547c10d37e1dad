package io.perpnet.sdk.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.sdk.model.Intent;
import io.perpnet.sdk.model.Market;
import io.perpnet.sdk.model.Price;
import io.perpnet.sdk.strategy.MarketView;
import io.perpnet.sdk.strategy.QuoteDecision;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The example makers' decisions on hand-made trade requests: prices to the micro-USDC, sizes, passes. */
class SpreadMakerTest {
  static final Market BTC = new Market(1, "BTC-PERP", 8, 50, false, 200, 100, 5, 2, 50, 1000, 60_000);
  static final Market SOL = new Market(3, "SOL-PERP", 9, 30, false, 333, 166, 5, 2, 50, 1000, 60_000);

  static Intent intent(final Market m, final String side, final String size, final String limit, final String minFill) {
    return new Intent("ab".repeat(32), m.symbol(), side, new BigDecimal(size), new BigDecimal(limit),
        new BigDecimal(minFill), 1000, 10, Long.MAX_VALUE, 1, "trader");
  }

  static MarketView view(final Market m, final String price, final String inventory) {
    return new MarketView(m, new Price(m.symbol(), new BigDecimal(price), 0, 0, false), new BigDecimal(inventory));
  }

  @Test
  void theConservativeMakerQuotesEightyBasisPointsEachSideAtTwentyTimesInItsMarketsOnly() {
    final SpreadMaker m = SpreadMaker.conservative();
    final var ask = assertInstanceOf(QuoteDecision.Offer.class,
        m.onIntent(intent(BTC, "long", "0.001", "71000", "0"), view(BTC, "70000", "0")));
    assertEquals(new BigDecimal("70560.000000"), ask.price());
    assertNull(ask.size(), "the intent's whole size");
    assertEquals(20, ask.leverage());
    final var bid = assertInstanceOf(QuoteDecision.Offer.class,
        m.onIntent(intent(BTC, "short", "0.001", "69000", "0"), view(BTC, "70000.000001", "0")));
    assertEquals(new BigDecimal("69440.000000"), bid.price(), "rounded down for the maker: 69440.00000099");
    assertInstanceOf(QuoteDecision.Pass.class, m.onIntent(intent(SOL, "long", "1", "200", "0"), view(SOL, "150", "0")));
    assertTrue(m.onIntent(intent(BTC, "long", "0.001", "70500", "0"), view(BTC, "70000", "0")).why()
        .contains("outside its limit"));
  }

  @Test
  void aLargeIntentGetsAPartialQuoteWhenItsMinimumFillAllowsAndAPassOtherwise() {
    final SpreadMaker m = SpreadMaker.conservative(); // $5k a quote
    final var partial = assertInstanceOf(QuoteDecision.Offer.class,
        m.onIntent(intent(BTC, "long", "1", "80000", "0.01"), view(BTC, "70000", "0")));
    assertEquals(new BigDecimal("0.07086167"), partial.size(), "floor(5000 / 70560, 8 places)");
    assertInstanceOf(QuoteDecision.Pass.class,
        m.onIntent(intent(BTC, "long", "1", "80000", "0.5"), view(BTC, "70000", "0")));
  }

  @Test
  void theAggressiveMakerSkewsAgainstItsInventoryAndStopsAddingAtItsLimit() {
    final SpreadMaker m = SpreadMaker.aggressive(); // 15 bps a side, 10 bps skew at $1M
    final var flat = assertInstanceOf(QuoteDecision.Offer.class,
        m.onIntent(intent(BTC, "long", "0.001", "71000", "0"), view(BTC, "70000", "0")));
    assertEquals(new BigDecimal("70105.000000"), flat.price());
    final var longInventory = assertInstanceOf(QuoteDecision.Offer.class,
        m.onIntent(intent(BTC, "long", "0.001", "71000", "0"), view(BTC, "70000", "7.142857")));
    assertEquals(new BigDecimal("70070.000000"), longInventory.price(), "half the limit long: 5 bps cheaper to shed it");
    assertEquals(25, longInventory.leverage());
    assertInstanceOf(QuoteDecision.Pass.class, m.onIntent(intent(BTC, "short", "0.001", "60000", "0"),
        view(BTC, "70000", "14.3")), "a seller adds to a full long inventory");
    assertInstanceOf(QuoteDecision.Offer.class, m.onIntent(intent(BTC, "long", "0.001", "71000", "0"),
        view(BTC, "70000", "14.3")), "a buyer takes it down");
    assertEquals(Integer.valueOf(15), assertInstanceOf(QuoteDecision.Offer.class, m.onIntent(intent(SOL, "long", "1",
        "200", "0"), view(SOL, "150", "0"))).leverage(), "at most half the market's leverage, for headroom");
  }

  @Test
  void noFreshPriceNoQuote() {
    final var stale = new MarketView(BTC, new Price("BTC-PERP", new BigDecimal("70000"), 0, 99_000, true), BigDecimal.ZERO);
    assertInstanceOf(QuoteDecision.Pass.class, SpreadMaker.aggressive().onIntent(intent(BTC, "long", "0.001", "71000",
        "0"), stale));
  }
}
