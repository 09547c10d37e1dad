package io.perpnet.sdk.hyperliquid.info;

import java.util.List;
import java.util.Optional;

/** The perpetuals Hyperliquid lists ({@code {"type": "meta"}}), in index order. */
public record Meta(List<Asset> universe) {
  public Meta {
    universe = List.copyOf(universe);
  }

  public Optional<Asset> asset(final String coin) {
    return universe.stream().filter(a -> a.name().equals(coin)).findFirst();
  }
}
