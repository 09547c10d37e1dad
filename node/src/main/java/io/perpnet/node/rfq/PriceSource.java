package io.perpnet.node.rfq;

import java.util.OptionalLong;

/** A market's reference price, 6 decimals (the oracle's mark), if one is known. */
@FunctionalInterface
public interface PriceSource {
  OptionalLong price(int market);
}
