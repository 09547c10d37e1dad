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
 * and {@code perp://fills} (the newest 100). Over streamable HTTP the node does not push
 * {@code notifications/resources/updated} (its MCP endpoint answers each POST and holds no
 * stream; the WebSocket {@code /v1/ws} pushes the changes); {@code perp mcp} over stdio does.
 */
final class PerpResources {
  static final String MARKETS = "perp://markets";
  static final String POSITIONS = "perp://positions";
  static final String FILLS = "perp://fills";

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
