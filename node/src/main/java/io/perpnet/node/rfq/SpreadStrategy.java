package io.perpnet.node.rfq;

import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import java.util.Optional;

/**
 * The default strategy: quote {@code spreadBps} away from the reference price, against the trader
 * (above it to a buyer, below it to a seller), for as much of the intent as {@code maxSize} allows,
 * when that is within the intent's limit price, funding cap and minimum fill. Integer arithmetic,
 * rounded in the maker's favour.
 */
public record SpreadStrategy(int spreadBps, long maxSize, int fundingPpm, int leverage, long lifetimeMs)
    implements QuotingStrategy {
  public SpreadStrategy {
    if (spreadBps < 0 || spreadBps >= 10_000 || maxSize <= 0 || leverage < 1 || lifetimeMs <= 0) {
      throw new IllegalArgumentException("spread within 0..9999 bps, positive size, leverage and lifetime");
    }
  }

  @Override
  public Optional<Terms> quote(final Signed<Intent> signed, final long referencePrice) {
    final Intent i = signed.payload();
    if (referencePrice <= 0 || fundingPpm > i.maxFundingPpm()) {
      return Optional.empty();
    }
    final long price;
    try {
      price = i.side() == Side.LONG
          ? Math.ceilDiv(Math.multiplyExact(referencePrice, 10_000L + spreadBps), 10_000L)
          : Math.floorDiv(Math.multiplyExact(referencePrice, 10_000L - spreadBps), 10_000L);
    } catch (ArithmeticException e) {
      return Optional.empty(); // a price this large is no market we quote
    }
    final boolean withinLimit = i.side() == Side.LONG ? price <= i.limitPrice() : price >= i.limitPrice();
    final long size = Math.min(maxSize, i.size());
    if (!withinLimit || size < i.minFill()) {
      return Optional.empty();
    }
    return Optional.of(new Terms(price, size, fundingPpm, leverage, lifetimeMs));
  }
}
