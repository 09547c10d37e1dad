package io.perpnet.consensus.validation;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.fixed.FixedPoint;
import io.perpnet.consensus.identity.ProgramAddress;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Messages;
import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Consistency across intent, quote, accept and match: a quote never exceeds the intent's limits,
 * an accept never exceeds the quote's size, and the match terms are exactly those derived from
 * the three signed messages. Each message is assumed individually valid already.
 */
public final class Agreement {
  private Agreement() {}

  /** The quote answers the intent within all of the intent's limits. */
  public static void checkQuote(final Signed<Intent> intent, final Signed<Quote> quote) throws RejectedException {
    final Intent i = intent.payload();
    final Quote q = quote.payload();
    sameContext(i, q);
    if (!q.intentHash().equals(intent.hash())) {
      throw new RejectedException(Rejection.INTENT_MISMATCH, "quote references " + q.intentHash());
    }
    if (q.maker().equals(i.trader())) {
      throw new RejectedException(Rejection.SAME_PARTY, "a trader cannot quote its own intent");
    }
    if (q.size() > i.size()) {
      throw new RejectedException(Rejection.QUOTE_EXCEEDS_INTENT, q.size() + " > " + i.size());
    }
    if (q.size() < i.minFill()) {
      throw new RejectedException(Rejection.FILL_BELOW_MIN, "quote size " + q.size() + " < min fill " + i.minFill());
    }
    final boolean withinLimit = i.side() == Side.LONG ? q.price() <= i.limitPrice() : q.price() >= i.limitPrice();
    if (!withinLimit) {
      throw new RejectedException(Rejection.PRICE_OUTSIDE_LIMIT,
          i.side() + " limit " + i.limitPrice() + ", quoted " + q.price());
    }
    if (q.fundingPpm() > i.maxFundingPpm()) {
      throw new RejectedException(Rejection.FUNDING_ABOVE_MAX, q.fundingPpm() + " > " + i.maxFundingPpm());
    }
  }

  /** The accept takes (part of) the quote and is the intent's trader's. */
  public static void checkAccept(final Signed<Intent> intent, final Signed<Quote> quote, final Signed<Accept> accept)
      throws RejectedException {
    final Intent i = intent.payload();
    final Accept a = accept.payload();
    sameContext(i, a);
    if (!a.quoteHash().equals(quote.hash())) {
      throw new RejectedException(Rejection.QUOTE_MISMATCH, "accept references " + a.quoteHash());
    }
    if (!a.trader().equals(i.trader())) {
      throw new RejectedException(Rejection.NOT_THE_TRADER, "accept signed by " + a.trader());
    }
    if (a.fillSize() > quote.payload().size()) {
      throw new RejectedException(Rejection.FILL_EXCEEDS_QUOTE, a.fillSize() + " > " + quote.payload().size());
    }
    if (a.fillSize() < i.minFill()) {
      throw new RejectedException(Rejection.FILL_BELOW_MIN, a.fillSize() + " < " + i.minFill());
    }
  }

  /**
   * Derives the match terms from the three messages after checking them: price, funding and maker
   * from the quote; size from the accept; side, leverage and trader from the intent; expiry and
   * nonce from the accept; margins = ceil(notional / leverage) of each side, notional =
   * ceil(size x price / 10^baseDecimals); the position bump the highest b from 255 down for which
   * ["position", SHA-256 of the terms with b, b] is a program address of the header's program.
   */
  public static MatchTerms derive(
      final Signed<Intent> intent, final Signed<Quote> quote, final Signed<Accept> accept, final MarketParams market)
      throws RejectedException {
    checkQuote(intent, quote);
    checkAccept(intent, quote, accept);
    final Intent i = intent.payload();
    final Quote q = quote.payload();
    final Accept a = accept.payload();
    final long notional = FixedPoint.notional(a.fillSize(), q.price(), market.baseDecimals());
    final Header h = new Header(i.header().market(), i.header().program(), a.header().expiryMs(), a.header().nonce());
    for (int bump = 255; bump >= 0; bump--) {
      final MatchTerms terms = new MatchTerms(h, i.trader(), q.maker(), intent.hash(), quote.hash(), accept.hash(),
          q.price(), a.fillSize(),
          FixedPoint.margin(notional, i.leverage()), FixedPoint.margin(notional, q.makerLeverage()),
          q.fundingPpm(), i.leverage(), i.side(), bump);
      if (positionAddress(terms).isPresent()) {
        return terms;
      }
    }
    throw new IllegalStateException("no bump gives these terms a position address"); // probability 2^-256
  }

  /** The escrow position's address for these terms (empty when their bump gives none): ["position", match id, bump]. */
  public static Optional<Bytes32> positionAddress(final MatchTerms terms) {
    final byte[] matchId = Bytes32.sha256(Messages.encode(terms)).bytes();
    return ProgramAddress.create(List.of(POSITION_SEED, matchId, new byte[] {(byte) terms.positionBump()}),
        terms.header().program());
  }

  private static final byte[] POSITION_SEED = "position".getBytes(StandardCharsets.US_ASCII);

  /** The match terms are byte for byte those derived from intent, quote and accept. */
  public static void checkMatch(
      final Signed<Intent> intent, final Signed<Quote> quote, final Signed<Accept> accept,
      final MatchTerms terms, final MarketParams market) throws RejectedException {
    if (!derive(intent, quote, accept, market).equals(terms)) {
      throw new RejectedException(Rejection.MATCH_NOT_DERIVED, "terms differ from the derivation");
    }
  }

  private static void sameContext(final Payload a, final Payload b) throws RejectedException {
    if (!a.header().program().equals(b.header().program()) || a.header().market() != b.header().market()) {
      throw new RejectedException(Rejection.CONTEXT_MISMATCH, a.type() + " and " + b.type());
    }
  }
}
