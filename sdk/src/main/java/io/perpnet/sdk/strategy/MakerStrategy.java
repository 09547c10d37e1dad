package io.perpnet.sdk.strategy;

import io.perpnet.sdk.model.Intent;
import io.perpnet.sdk.model.Match;
import io.perpnet.sdk.model.Price;
import io.perpnet.sdk.stream.Event;

/**
 * A market maker's logic. {@link MakerRunner} calls it on one thread, in order: each trade request
 * (another agent's intent) with the market as the maker sees it, every match it signed, every new
 * oracle price, and every change of its positions.
 */
public interface MakerStrategy {
  /** The strategy's name, for logs. */
  default String name() {
    return getClass().getSimpleName();
  }

  QuoteDecision onIntent(Intent request, MarketView market);

  /** A match both sides signed (we are its maker). */
  default void onMatch(final Match match) {}

  default void onPrice(final Price price) {}

  /** A position of ours opened or closed on chain ({@code position_opened}, {@code position_closed}). */
  default void onPosition(final Event change) {}
}
