package io.perpnet.consensus.validation;

import static io.perpnet.consensus.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AgreementTest {
  private final Fixtures.Flow f = flow();

  @Test
  void theMatchIsDerivedFromTheThreeMessages() throws RejectedException {
    final MatchTerms m = Agreement.derive(f.intent(), f.quote(), f.accept(), BTC);
    assertEquals(f.quote().payload().price(), m.price());
    assertEquals(f.accept().payload().fillSize(), m.size());
    assertEquals(f.accept().payload().header().expiryMs(), m.header().expiryMs());
    assertEquals(f.accept().hash(), m.acceptHash());
    // notional = 1,500,000 x 67,250,500,000 / 10^8 = 1,008,757,500 (exact); 10x and 20x margins
    assertEquals(100_875_750L, m.traderMargin());
    assertEquals(50_437_875L, m.makerMargin());
    Agreement.checkMatch(f.intent(), f.quote(), f.accept(), f.match().payload(), BTC);
  }

  @Test
  void marginsRoundUp() throws RejectedException {
    final Signed<Accept> odd = Signed.sign(new Accept(header(NOW + 9_000, 12), TRADER.publicKey(), f.quote().hash(),
        SIZE + 1), TRADER);
    final MatchTerms m = Agreement.derive(f.intent(), f.quote(), odd, BTC);
    // notional = ceil(1,500,001 x 67,250,500,000 / 10^8) = ceil(1,008,758,172.505) = 1,008,758,173
    assertEquals(100_875_818L, m.traderMargin()); // ceil(1,008,758,173 / 10)
    assertEquals(50_437_909L, m.makerMargin()); // ceil(1,008,758,173 / 20)
  }

  @Test
  void alteredTermsAreNotDerived() {
    final MatchTerms m = f.match().payload();
    final MatchTerms cheaper = new MatchTerms(m.header(), m.trader(), m.maker(), m.intentHash(), m.quoteHash(),
        m.acceptHash(), m.price() - 1, m.size(), m.traderMargin(), m.makerMargin(), m.fundingPpm(), m.leverage(), m.side(),
        m.positionBump());
    assertReason(Rejection.MATCH_NOT_DERIVED, () -> Agreement.checkMatch(f.intent(), f.quote(), f.accept(), cheaper, BTC));
  }

  @Test
  void aQuoteNeverExceedsTheIntentsLimits() {
    final Intent i = f.intent().payload();
    assertReason(Rejection.QUOTE_EXCEEDS_INTENT, () -> Agreement.checkQuote(f.intent(), quote(i.size() + 1, PRICE, 500)));
    assertReason(Rejection.PRICE_OUTSIDE_LIMIT, () -> Agreement.checkQuote(f.intent(), quote(SIZE, i.limitPrice() + 1, 500)));
    assertReason(Rejection.FUNDING_ABOVE_MAX, () -> Agreement.checkQuote(f.intent(), quote(SIZE, PRICE, i.maxFundingPpm() + 1)));
    assertReason(Rejection.FILL_BELOW_MIN, () -> Agreement.checkQuote(f.intent(), quote(i.minFill() - 1, PRICE, 500)));
  }

  @Test
  void aShortIntentsLimitIsAFloor() throws RejectedException {
    final Intent i = f.intent().payload();
    final Signed<Intent> shortIntent = Signed.sign(new Intent(i.header(), i.trader(), i.size(), PRICE, 0, 1_000, 10,
        Side.SHORT), TRADER);
    final Signed<Quote> below = Signed.sign(new Quote(header(NOW + 3_000, 8), MAKER.publicKey(), shortIntent.hash(),
        PRICE - 1, SIZE, 0, 5), MAKER);
    final Signed<Quote> at = Signed.sign(new Quote(header(NOW + 3_000, 8), MAKER.publicKey(), shortIntent.hash(),
        PRICE, SIZE, 0, 5), MAKER);
    assertReason(Rejection.PRICE_OUTSIDE_LIMIT, () -> Agreement.checkQuote(shortIntent, below));
    Agreement.checkQuote(shortIntent, at);
  }

  @Test
  void aQuoteMustReferenceTheIntentAndComeFromAnotherParty() {
    final Signed<Quote> elsewhere = Signed.sign(new Quote(header(NOW + 3_000, 8), MAKER.publicKey(),
        Bytes32.sha256(new byte[0]), PRICE, SIZE, 0, 5), MAKER);
    assertReason(Rejection.INTENT_MISMATCH, () -> Agreement.checkQuote(f.intent(), elsewhere));
    final Signed<Quote> self = Signed.sign(new Quote(header(NOW + 3_000, 8), TRADER.publicKey(), f.intent().hash(),
        PRICE, SIZE, 0, 5), TRADER);
    assertReason(Rejection.SAME_PARTY, () -> Agreement.checkQuote(f.intent(), self));
  }

  @Test
  void anAcceptNeverExceedsTheQuoteAndIsTheTraders() {
    assertReason(Rejection.FILL_EXCEEDS_QUOTE, () -> Agreement.checkAccept(f.intent(), f.quote(),
        accept(TRADER, f.quote().payload().size() + 1)));
    assertReason(Rejection.FILL_BELOW_MIN, () -> Agreement.checkAccept(f.intent(), f.quote(),
        accept(TRADER, f.intent().payload().minFill() - 1)));
    assertReason(Rejection.NOT_THE_TRADER, () -> Agreement.checkAccept(f.intent(), f.quote(), accept(OUTSIDER, SIZE)));
    final Signed<Accept> otherQuote = Signed.sign(new Accept(header(NOW + 9_000, 12), TRADER.publicKey(),
        f.intent().hash(), SIZE), TRADER);
    assertReason(Rejection.QUOTE_MISMATCH, () -> Agreement.checkAccept(f.intent(), f.quote(), otherQuote));
  }

  @Test
  void messagesForAnotherMarketDoNotAgree() {
    final Signed<Quote> q = Signed.sign(new Quote(new io.perpnet.consensus.message.Header(2, PROGRAM, NOW + 3_000, 8),
        MAKER.publicKey(), f.intent().hash(), PRICE, SIZE, 0, 5), MAKER);
    assertReason(Rejection.CONTEXT_MISMATCH, () -> Agreement.checkQuote(f.intent(), q));
  }

  private Signed<Quote> quote(final long size, final long price, final int funding) {
    return Signed.sign(new Quote(header(NOW + 3_000, 8), MAKER.publicKey(), f.intent().hash(), price, size, funding, 5),
        MAKER);
  }

  private Signed<Accept> accept(final io.perpnet.consensus.identity.Ed25519KeyPair who, final long size) {
    return Signed.sign(new Accept(header(NOW + 9_000, 12), who.publicKey(), f.quote().hash(), size), who);
  }

  static void assertReason(final Rejection expected, final Executable call) {
    final RejectedException e = assertThrows(RejectedException.class, call);
    assertEquals(expected, e.reason(), e.getMessage());
  }
}
