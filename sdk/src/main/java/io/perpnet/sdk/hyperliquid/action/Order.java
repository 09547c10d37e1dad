package io.perpnet.sdk.hyperliquid.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One order as the exchange endpoint takes it, {@code {"a", "b", "p", "s", "r", "t", "c"?}} in that
 * order (the order the official SDK hashes): asset index, buy, limit price, size, reduce only, type,
 * client order id.
 */
public record Order(int asset, boolean isBuy, BigDecimal limitPx, BigDecimal size, boolean reduceOnly, Type type,
    Optional<Cloid> cloid) {
  /** Time in force of a limit order: good till cancelled, immediate or cancel, add liquidity only (post only). */
  public enum Tif {
    GTC("Gtc"), IOC("Ioc"), ALO("Alo");

    final String wire;

    Tif(final String wire) {
      this.wire = wire;
    }
  }

  /** Take profit or stop loss. */
  public enum Tpsl {
    TP("tp"), SL("sl");

    final String wire;

    Tpsl(final String wire) {
      this.wire = wire;
    }
  }

  /** A limit order, or a trigger order (a market or limit order sent when the mark crosses {@code triggerPx}). */
  public sealed interface Type {
    ObjectNode toWire();
  }

  public record Limit(Tif tif) implements Type {
    @Override
    public ObjectNode toWire() {
      final ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.putObject("limit").put("tif", tif.wire);
      return o;
    }
  }

  public record Trigger(BigDecimal triggerPx, boolean isMarket, Tpsl tpsl) implements Type {
    @Override
    public ObjectNode toWire() { // isMarket, triggerPx, tpsl: the official SDK's order
      final ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.putObject("trigger").put("isMarket", isMarket).put("triggerPx", Wire.decimal(triggerPx))
          .put("tpsl", tpsl.wire);
      return o;
    }
  }

  /** An immediate-or-cancel limit order (what a hedge sends). */
  public static Order ioc(final int asset, final boolean isBuy, final BigDecimal limitPx, final BigDecimal size,
      final Optional<Cloid> cloid) {
    return new Order(asset, isBuy, limitPx, size, false, new Limit(Tif.IOC), cloid);
  }

  public ObjectNode toWire() {
    final ObjectNode o = JsonNodeFactory.instance.objectNode().put("a", asset).put("b", isBuy)
        .put("p", Wire.decimal(limitPx)).put("s", Wire.decimal(size)).put("r", reduceOnly);
    o.set("t", type.toWire());
    cloid.ifPresent(c -> o.put("c", c.raw()));
    return o;
  }
}
