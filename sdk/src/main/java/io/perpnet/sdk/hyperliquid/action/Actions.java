package io.perpnet.sdk.hyperliquid.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;

/**
 * The exchange endpoint's actions this client sends, built as the JSON the official SDK hashes
 * and posts (key order included: it is part of the hash). L1 actions: {@link #order},
 * {@link #cancel}, {@link #cancelByCloid}, {@link #modify}, {@link #updateLeverage},
 * {@link #scheduleCancel}; user-signed: {@link #usdSend}, {@link #withdraw}, {@link #approveAgent}.
 */
public final class Actions {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Actions() {}

  /** One cancel by order id. */
  public record CancelRequest(int asset, long oid) {}

  /** One cancel by client order id. */
  public record CancelByCloidRequest(int asset, Cloid cloid) {}

  /** Orders in one action; {@code grouping} "na", or "normalTpsl" / "positionTpsl" for tp/sl groups. */
  public static ObjectNode order(final List<Order> orders, final String grouping) {
    final ObjectNode o = F.objectNode().put("type", "order");
    final ArrayNode list = o.putArray("orders");
    orders.forEach(x -> list.add(x.toWire()));
    return o.put("grouping", grouping);
  }

  public static ObjectNode cancel(final List<CancelRequest> cancels) {
    final ObjectNode o = F.objectNode().put("type", "cancel");
    final ArrayNode list = o.putArray("cancels");
    cancels.forEach(c -> list.addObject().put("a", c.asset()).put("o", c.oid()));
    return o;
  }

  public static ObjectNode cancelByCloid(final List<CancelByCloidRequest> cancels) {
    final ObjectNode o = F.objectNode().put("type", "cancelByCloid");
    final ArrayNode list = o.putArray("cancels");
    cancels.forEach(c -> list.addObject().put("asset", c.asset()).put("cloid", c.cloid().raw()));
    return o;
  }

  /** Replaces the order {@code oid} (as {@code batchModify} of one, as the official SDK sends it). */
  public static ObjectNode modify(final long oid, final Order order) {
    final ObjectNode o = F.objectNode().put("type", "batchModify");
    o.putArray("modifies").addObject().put("oid", oid).set("order", order.toWire());
    return o;
  }

  public static ObjectNode updateLeverage(final int asset, final boolean isCross, final int leverage) {
    return F.objectNode().put("type", "updateLeverage").put("asset", asset).put("isCross", isCross)
        .put("leverage", leverage);
  }

  /**
   * The dead-man switch: cancel every open order at {@code timeMs} (at least 5 s ahead); without a
   * time, clears the one scheduled.
   */
  public static ObjectNode scheduleCancel(final OptionalLong timeMs) {
    final ObjectNode o = F.objectNode().put("type", "scheduleCancel");
    timeMs.ifPresent(t -> o.put("time", t));
    return o;
  }

  /** USDC from this perp account to {@code destination} on Hyperliquid (user-signed: the master key). */
  public static ObjectNode usdSend(final String destination, final BigDecimal amount, final long timeMs) {
    return F.objectNode().put("destination", destination).put("amount", Wire.decimal(amount)).put("time", timeMs)
        .put("type", "usdSend");
  }

  /** USDC out to {@code destination} on Arbitrum through the bridge (user-signed: the master key). */
  public static ObjectNode withdraw(final String destination, final BigDecimal amount, final long timeMs) {
    return F.objectNode().put("destination", destination).put("amount", Wire.decimal(amount)).put("time", timeMs)
        .put("type", "withdraw3");
  }

  /** Approves {@code agentAddress} as an API wallet that signs L1 actions for this account (user-signed). */
  public static ObjectNode approveAgent(final String agentAddress, final String agentName, final long nonce) {
    return F.objectNode().put("type", "approveAgent").put("agentAddress", agentAddress).put("agentName", agentName)
        .put("nonce", nonce);
  }
}
