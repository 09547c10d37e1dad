package io.perpnet.node.api.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The node's events as the API shows them: {@code {"seq", "kind", "channel", "data"}}, the channel
 * being the WebSocket's ({@code intent}, {@code trade_request} (others' intents a maker saw), {@code quote}, {@code match}, {@code position_opened},
 * {@code position_closed}, {@code fill}, {@code liquidation}, {@code price}, {@code reservation}, {@code alert}; {@code internal} for bookkeeping such as nonce
 * blocks, which no channel carries).
 */
public final class EventViews {
  private final IntFunction<MarketParams> markets;

  public EventViews(final IntFunction<MarketParams> markets) {
    this.markets = markets;
  }

  public static String channel(final Event e) {
    return switch (e.kind()) {
      case "intent.published" -> "intent";
      case "intent.seen" -> "trade_request";
      case "quote.sent" -> "quote";
      case "match.countersigned", "match.attempt", "position.expired" -> "match";
      case "position.opened" -> "position_opened";
      case "position.closed" -> "position_closed";
      case "risk.kill_switch", "risk.deadman", "risk.deadman_tripped", "risk.refused", "risk.breaker", "trigger.fired"
          -> "alert";
      case "liquidation.won" -> "liquidation";
      case "price.updated" -> "price";
      case "fill" -> "fill";
      case "reservation.made", "reservation.released", "reservation.opened" ->
          e.changes().stream().anyMatch(c -> c.column() == Column.MATCHES || c.column() == Column.PROPOSALS)
              ? "match" : "reservation";
      default -> "internal";
    };
  }

  public ObjectNode view(final Event e) {
    final ObjectNode o = JsonNodeFactory.instance.objectNode().put("seq", e.sequence()).put("kind", e.kind())
        .put("channel", channel(e));
    o.set("data", data(e));
    return o;
  }

  private ObjectNode data(final Event e) {
    try {
      switch (e.kind()) {
        case "intent.published", "intent.seen" -> {
          final Signed<Intent> i = Signed.decode(e.payload(), Intent.class);
          return Views.intent(i, markets.apply(i.payload().header().market()));
        }
        case "quote.sent" -> {
          final Signed<Quote> q = Signed.decode(e.payload(), Quote.class);
          return Views.quote(q, markets.apply(q.payload().header().market()));
        }
        case "match.countersigned" -> {
          return matchView(e.payload(), "countersigned");
        }
        case "risk.kill_switch" -> {
          return JsonNodeFactory.instance.objectNode().put("killSwitch", e.payload()[0] == 1);
        }
        case "risk.deadman" -> {
          return JsonNodeFactory.instance.objectNode().put("deadlineMs", java.nio.ByteBuffer.wrap(e.payload()).getLong());
        }
        case "risk.refused" -> {
          try {
            return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.payload());
          } catch (java.io.IOException x) {
            return JsonNodeFactory.instance.objectNode().put("unreadable", x.getMessage());
          }
        }
        case "price.updated" -> {
          final var u = io.perpnet.node.chain.PriceEvents.Update.decode(e.payload());
          final MarketParams m = markets.apply(u.market());
          return JsonNodeFactory.instance.objectNode().put("market", m == null ? Integer.toString(u.market())
              : m.symbol()).put("price", Views.usdc(u.price())).put("publishTimeMs", u.publishTimeMs());
        }
        case "liquidation.won" -> {
          final var r = io.perpnet.node.liquidator.LiquidationRecord.decode(e.payload());
          return Views.liquidation(r, markets.apply(r.market()));
        }
        case "fill" -> {
          final var f = io.perpnet.node.fills.Fill.decode(e.payload());
          return Views.fill(f, markets.apply(f.market()));
        }
        case "match.attempt" -> {
          final var a = io.perpnet.node.matches.Attempt.decode(e.payload());
          final ObjectNode o = JsonNodeFactory.instance.objectNode().put("matchId", a.matchId().toHex())
              .put("attempt", a.kind().apiName()).put("atMs", a.atMs()).put("detail", a.detail());
          a.signature().ifPresent(sig -> o.put("signature", sig));
          return o;
        }
        case "risk.deadman_tripped" -> {
          return JsonNodeFactory.instance.objectNode().put("deadman", "tripped");
        }
        default -> {
          final Optional<Event.Change> match = e.changes().stream().filter(c -> c.column() == Column.MATCHES)
              .findFirst();
          if (match.isPresent() && !match.get().isDelete()) {
            return matchView(match.get().value(), "countersigned");
          }
          final Optional<Event.Change> proposal = e.changes().stream()
              .filter(c -> c.column() == Column.PROPOSALS && !c.isDelete()).findFirst();
          if (proposal.isPresent()) {
            return matchView(proposal.get().value(), "proposed");
          }
          return detail(e);
        }
      }
    } catch (RejectedException ex) {
      return JsonNodeFactory.instance.objectNode().put("unreadable", ex.getMessage());
    }
  }

  private ObjectNode matchView(final byte[] wire, final String state) throws RejectedException {
    final Signed<MatchTerms> m = Signed.decode(wire, MatchTerms.class);
    return Views.match(m, markets.apply(m.payload().header().market())).put("state", state);
  }

  /** Events whose payload is {@code "<match id hex> <detail>"} or a reason keyed by match id. */
  private static ObjectNode detail(final Event e) {
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    final String text = new String(e.payload(), StandardCharsets.UTF_8);
    if ((e.kind().startsWith("position.") || e.kind().equals("trigger.fired")) && text.length() >= 64) {
      o.put("matchId", text.substring(0, 64)).put("detail", text.substring(64).strip());
      if (e.kind().equals("position.expired")) {
        o.put("state", "expired");
      }
      return o;
    }
    e.changes().stream().filter(c -> c.column() == Column.RESERVATIONS).findFirst()
        .ifPresent(c -> o.put("matchId", Bytes32.wrap(c.key()).toHex()));
    if (e.kind().equals("reservation.released")) {
      o.put("reason", text);
    }
    return o;
  }
}
