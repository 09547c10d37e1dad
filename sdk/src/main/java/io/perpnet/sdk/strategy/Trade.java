package io.perpnet.sdk.strategy;

import io.perpnet.sdk.model.PlacedIntent;
import io.perpnet.sdk.model.Position;
import java.util.List;

/** What {@link TradingHub#long_} and {@link TradingHub#short_} return: the intent as it ended, and the positions it opened on chain. */
public record Trade(PlacedIntent intent, List<Position> positions) {
  public boolean filled() {
    return !positions.isEmpty();
  }

  /** The single position of a trade that filled in one match. */
  public Position position() {
    if (positions.size() != 1) {
      throw new IllegalStateException("the trade opened " + positions.size() + " positions, status "
          + intent.status());
    }
    return positions.getFirst();
  }
}
