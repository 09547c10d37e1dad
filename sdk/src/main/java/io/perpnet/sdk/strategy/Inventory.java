package io.perpnet.sdk.strategy;

import io.perpnet.sdk.model.Position;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Net base size by market of a set of positions, from our side: long adds, short subtracts. */
public final class Inventory {
  private Inventory() {}

  public static Map<String, BigDecimal> of(final List<Position> positions) {
    final Map<String, BigDecimal> net = new HashMap<>();
    for (final Position p : positions) {
      net.merge(p.market(), p.isLong() ? p.size() : p.size().negate(), BigDecimal::add);
    }
    return net;
  }
}
