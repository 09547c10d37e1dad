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
import io.perpnet.node.store.StoreException;
import java.util.List;

/** {@code GET /v1/events?after=SEQ&limit=N}: the node's event log, for replay and audit. */
public final class EventRoutes {
  public static final int MAX_LIMIT = 1_000;
  private final Node node;
  private final EventViews views;

  public EventRoutes(final Node node, final EventViews views) {
    this.node = node;
    this.views = views;
  }

  public List<Route> routes() {
    return List.of(Route.get("/v1/events", Scope.READ,
        "The event log after a sequence number (?after, default 0; ?limit, default and most 1000)",
        "events in order, next: the after to ask for the ones that follow, latest: the newest event's sequence", this::events));
  }

  private JsonNode events(final Request r) throws ApiError {
    final long after = r.queryLong("after", 0, 0, Long.MAX_VALUE - 1);
    final int limit = (int) r.queryLong("limit", MAX_LIMIT, 1, MAX_LIMIT);
    final ArrayNode list = JsonNodeFactory.instance.arrayNode();
    final long[] last = {after};
    try {
      for (final var e : node.store().events(after + 1, limit)) {
        list.add(views.view(e));
        last[0] = e.sequence();
      }
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read the event log: " + e.getMessage());
    }
    final var out = JsonNodeFactory.instance.objectNode();
    out.set("events", list);
    out.put("next", last[0]);
    out.put("latest", node.store().nextSequence() - 1); // the newest event's sequence number (0: none yet)
    return out;
  }
}
