package io.perpnet.sdk.agents;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A hedge venue on paper: every order fills at its reference price; it keeps the net position by market. */
public final class PaperVenue implements HedgeVenue {
  private final Map<String, BigDecimal> net = new ConcurrentHashMap<>();

  @Override
  public Result hedge(final Order o) {
    net.merge(o.market(), "long".equals(o.side()) ? o.size() : o.size().negate(), BigDecimal::add);
    return new Result(o.size(), o.referencePrice(), "filled on paper");
  }

  /** Net base size held on the venue (positive long). */
  public BigDecimal position(final String market) {
    return net.getOrDefault(market, BigDecimal.ZERO);
  }

  @Override
  public String name() {
    return "paper";
  }
}
