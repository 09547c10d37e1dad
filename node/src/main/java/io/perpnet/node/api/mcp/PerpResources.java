package io.perpnet.node.api.mcp;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ApiHandler;
import java.util.List;

/**
 * Read-only state as MCP resources, each read from its route when the client reads it, with the
 * caller's scope: {@code perp://markets} (the markets and their prices), {@code perp://positions}
 * and {@code perp://fills} (the newest 100); a session that subscribed to one is told on its
 * stream when an event of the node changed it ({@link #CHANGED_BY}).
 */
final class PerpResources {
  static final String MARKETS = "perp://markets";
  static final String POSITIONS = "perp://positions";
  static final String FILLS = "perp://fills";
  static final java.util.Set<String> URIS = java.util.Set.of(MARKETS, POSITIONS, FILLS);
  /** Which resource an event changes, by the event's channel ({@code EventViews.channel}). */
  static final java.util.Map<String, String> CHANGED_BY = java.util.Map.of("price", MARKETS, "position_opened",
      POSITIONS, "position_closed", POSITIONS, "fill", FILLS);
  static final java.util.Set<String> SUBSCRIPTIONS = java.util.Set.of(McpSchema.METHOD_RESOURCES_SUBSCRIBE,
      McpSchema.METHOD_RESOURCES_UNSUBSCRIBE);

  private interface Reader {
    Object read(Scope scope) throws ApiError;
  }

  private PerpResources() {}

  static List<SyncResourceSpecification> all(final RouteCalls r) {
    return List.of(
        resource(MARKETS, "markets", "The markets this node trades and their oracle prices", s -> {
          final var o = ApiHandler.JSON.createObjectNode();
          o.set("markets", r.get(s, "/v1/markets"));
          o.set("prices", r.get(s, "/v1/prices"));
          return o;
        }),
        resource(POSITIONS, "positions", "Our open positions", s -> r.get(s, "/v1/positions")),
        resource(FILLS, "fills", "The newest 100 opens and closes of our positions, with fees, funding and PnL",
            s -> r.get(s, "/v1/fills?limit=100")));
  }

  private static SyncResourceSpecification resource(final String uri, final String name, final String description,
      final Reader reader) {
    return new SyncResourceSpecification(McpSchema.Resource.builder().uri(uri).name(name).description(description)
        .mimeType("application/json").build(), (context, request) -> {
          String text;
          try {
            text = ApiHandler.JSON.writeValueAsString(reader.read(McpEndpoint.scope(context)));
          } catch (ApiError e) {
            text = e.json().toString();
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            text = "{\"code\":\"INTERNAL\",\"message\":" + ApiHandler.JSON.getNodeFactory().textNode(
                String.valueOf(e.getOriginalMessage())) + "}";
          }
          return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, "application/json",
              text)));
        });
  }
}
