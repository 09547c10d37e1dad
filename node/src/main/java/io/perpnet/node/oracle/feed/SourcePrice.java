package io.perpnet.node.oracle.feed;

/**
 * A price read from a feed.
 *
 * @param price 6 decimals (micro-USDC per whole base unit), above zero
 * @param observedMs unix milliseconds the source observed it (when it has no time of its own:
 *     when the answer arrived)
 */
public record SourcePrice(long price, long observedMs) {
  public SourcePrice {
    if (price <= 0) {
      throw new IllegalArgumentException("a source price must be above zero");
    }
  }
}
