package io.perpnet.sdk.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.perpnet.sdk.model.Match;
import io.perpnet.sdk.strategy.QuoteDecision;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArbitrageMakerTest {
  private static Match match(final String side, final String size) {
    return new Match("cd".repeat(32), "BTC-PERP", side, "t", "m", "i", "q", new BigDecimal("70000"),
        new BigDecimal(size), BigDecimal.ONE, BigDecimal.ONE, 0, 5, 0, "countersigned", "maker", java.util.List.of(),
        java.util.List.of(), null);
  }

  @Test
  void everyFillIsHedgedTheOtherWaySoBothVenuesNetToZero() throws InterruptedException {
    final PaperVenue venue = new PaperVenue();
    final ArbitrageMaker m = new ArbitrageMaker(ArbitrageMaker.defaults(), ReferencePrice.ORACLE, venue, 50);
    m.onMatch(match("long", "0.003")); // the trader bought: we sold here, buy there
    m.onMatch(match("short", "0.001"));
    org.junit.jupiter.api.Assertions.assertTrue(m.awaitHedges(java.time.Duration.ofSeconds(10)), "hedged");
    assertEquals(new BigDecimal("-0.002"), m.inventoryHere("BTC-PERP"));
    assertEquals(new BigDecimal("0.002"), venue.position("BTC-PERP"));
    assertEquals(0, m.net("BTC-PERP").signum());
  }

  @Test
  void itQuotesAroundTheVenuesPriceAndPassesWhenTheBasisIsTooWide() {
    final ArbitrageMaker near = new ArbitrageMaker(ArbitrageMaker.defaults(),
        (mk, v) -> Optional.of(new BigDecimal("70100")), new PaperVenue(), 50);
    final var offer = assertInstanceOf(QuoteDecision.Offer.class, near.onIntent(
        SpreadMakerTest.intent(SpreadMakerTest.BTC, "long", "0.001", "72000", "0"),
        SpreadMakerTest.view(SpreadMakerTest.BTC, "70000", "0")));
    assertEquals(new BigDecimal("70275.250000"), offer.price(), "70100 + 25 bps");
    final ArbitrageMaker far = new ArbitrageMaker(ArbitrageMaker.defaults(),
        (mk, v) -> Optional.of(new BigDecimal("70500")), new PaperVenue(), 50);
    assertInstanceOf(QuoteDecision.Pass.class, far.onIntent(
        SpreadMakerTest.intent(SpreadMakerTest.BTC, "long", "0.001", "72000", "0"),
        SpreadMakerTest.view(SpreadMakerTest.BTC, "70000", "0")));
  }
}
