package io.perpnet.sdk.hyperliquid.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One Hyperliquid WebSocket subscription: its {@code subscription} object and the channel its
 * messages come on ({@code userEvents} come on {@code user}). Market channels name a coin, account
 * channels the master address.
 */
public record Subscription(String type, Optional<String> coin, Optional<String> user) {
  public static Subscription allMids() {
    return new Subscription("allMids", Optional.empty(), Optional.empty());
  }

  public static Subscription l2Book(final String coin) {
    return new Subscription("l2Book", Optional.of(coin), Optional.empty());
  }

  public static Subscription trades(final String coin) {
    return new Subscription("trades", Optional.of(coin), Optional.empty());
  }

  public static Subscription orderUpdates(final String user) {
    return new Subscription("orderUpdates", Optional.empty(), Optional.of(user));
  }

  public static Subscription userFills(final String user) {
    return new Subscription("userFills", Optional.empty(), Optional.of(user));
  }

  public static Subscription userEvents(final String user) {
    return new Subscription("userEvents", Optional.empty(), Optional.of(user));
  }

  public ObjectNode toJson() {
    final ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", type);
    coin.ifPresent(c -> o.put("coin", c));
    user.ifPresent(u -> o.put("user", u));
    return o;
  }

  /** The channel this subscription's messages come on. */
  public String channel() {
    return type.equals("userEvents") ? "user" : type;
  }

  /** Whether a message of {@link #channel()} with {@code data} is this subscription's (a coin's book, say). */
  boolean matches(final JsonNode data) {
    if (coin.isEmpty()) {
      return true;
    }
    final JsonNode c = data.isArray() && !data.isEmpty() ? data.get(0).path("coin") : data.path("coin");
    return c.isMissingNode() || c.asText().equals(coin.get());
  }
}
