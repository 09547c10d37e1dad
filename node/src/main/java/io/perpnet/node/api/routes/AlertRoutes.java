package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.EventViews;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code /v1/alerts}: the alert channel's events (the switches, refusals by the agent's limits and
 * halts, stop-loss and take-profit closes) among the last {@link #WINDOW} events, each acknowledged
 * or not; an acknowledgement is stored (the {@code risk} column, key {@code ack:} and the event's
 * sequence number).
 */
public final class AlertRoutes {
  public static final int WINDOW = 10_000;
  static final Set<ErrorCode> ALERTING = Set.of(ErrorCode.RISK_LIMIT, ErrorCode.INSUFFICIENT_COLLATERAL,
      ErrorCode.KILL_SWITCH, ErrorCode.DEADMAN, ErrorCode.CIRCUIT_BREAKER);

  private final Node node;
  private final EventViews views;

  public AlertRoutes(final Node node, final EventViews views) {
    this.node = node;
    this.views = views;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/alerts", Scope.READ, "Alerts not acknowledged (?all=true: also acknowledged ones), among the"
            + " last 10,000 events", "a list of alert events with acked", this::list),
        Route.post("/v1/alerts/{id}/ack", Scope.TRADE, List.of(), "Acknowledge an alert (id: its sequence number)",
            "the alert", this::ack));
  }

  /** A refusal by the agent's limits or a halt: recorded as an event on the alert channel. */
  static void refused(final Node node, final ApiError e) {
    if (!ALERTING.contains(e.code())) {
      return;
    }
    try {
      node.store().append("risk.refused", e.json().toString().getBytes(StandardCharsets.UTF_8), List.of(),
          Store.Durability.BUFFERED);
    } catch (StoreException x) {
      // the refusal stands; its record is best effort
    }
  }

  private static byte[] ackKey(final long seq) {
    return ByteBuffer.allocate(12).put("ack:".getBytes(StandardCharsets.US_ASCII)).putLong(seq).array();
  }

  private boolean acked(final long seq) throws ApiError {
    try {
      return node.store().get(Column.RISK, ackKey(seq)).isPresent();
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, e.getMessage());
    }
  }

  private List<Event> recent() throws ApiError {
    try {
      return node.store().events(Math.max(1, node.store().nextSequence() - WINDOW), WINDOW);
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read the event log: " + e.getMessage());
    }
  }

  private JsonNode list(final Request r) throws ApiError {
    final boolean all = r.query("all").map("true"::equals).orElse(false);
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (final Event e : recent()) {
      if (EventViews.channel(e).equals("alert")) {
        final boolean acked = acked(e.sequence());
        if (all || !acked) {
          out.add(views.view(e).put("acked", acked));
        }
      }
    }
    return out;
  }

  private JsonNode ack(final Request r) throws ApiError {
    final long seq;
    try {
      seq = Long.parseLong(r.param("id"));
    } catch (NumberFormatException e) {
      throw ApiError.field("id", "is an alert's sequence number");
    }
    for (final Event e : recent()) {
      if (e.sequence() == seq && EventViews.channel(e).equals("alert")) {
        try {
          if (!acked(seq)) {
            node.store().append("alert.acked", ackKey(seq), List.of(new Event.Change(Column.RISK, ackKey(seq),
                new byte[] {1})), Store.Durability.BUFFERED);
          }
        } catch (StoreException x) {
          throw new ApiError(ErrorCode.INTERNAL, x.getMessage());
        }
        return views.view(e).put("acked", true);
      }
    }
    throw new ApiError(ErrorCode.NOT_FOUND, "no alert " + seq + " among the last " + WINDOW + " events");
  }
}
