package io.perpnet.sdk.cli;

import java.util.Arrays;
import java.util.Optional;

/** The agents {@code perp agent run} knows, by name. */
enum ExampleAgent {
  CONSERVATIVE_MAKER("conservative-maker", "quotes BTC and ETH 1.6% wide (80 bps a side), 20x, up to $5k a quote"),
  AGGRESSIVE_MAKER("aggressive-maker", "quotes every market 0.3% wide, 25x, up to $50k, skewed against its inventory"),
  ARBITRAGE_MAKER("arbitrage-maker", "quotes 0.5% around an external price and hedges every fill there (paper venue)"),
  TRADER("trader", "opens $100 positions at 5x by a seeded coin, with stop-loss and take-profit, closes after 30 s");

  private final String label;
  private final String summary;

  ExampleAgent(final String label, final String summary) {
    this.label = label;
    this.summary = summary;
  }

  String label() {
    return label;
  }

  String summary() {
    return summary;
  }

  static Optional<ExampleAgent> parse(final String name) {
    return Arrays.stream(values()).filter(a -> a.label.equals(name)).findFirst();
  }
}
