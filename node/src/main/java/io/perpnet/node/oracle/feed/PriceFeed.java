package io.perpnet.node.oracle.feed;

/**
 * Where an oracle reads prices: a simulation, a recording or an exchange. One call reads the
 * price of one market now; a feed that cannot answer throws {@link FeedException} with why.
 * Implementations are called from one thread at a time and may block for at most their timeout.
 */
public interface PriceFeed {
  /** The market's price as the source sees it now, 6 decimals, with when it was observed. */
  SourcePrice read(String symbol) throws FeedException;

  /** A short name for logs, e.g. {@code simulated(seed=7)} or {@code coinbase(http://...)}. */
  String describe();
}
