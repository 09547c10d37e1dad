package io.perpnet.sdk.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.perpnet.sdk.client.ApiException;
import io.perpnet.sdk.client.Json;
import io.perpnet.sdk.client.NodeClient;
import io.perpnet.sdk.stream.Event;
import io.perpnet.sdk.stream.EventStream;
import java.util.List;
import java.util.Map;

/**
 * Read-only state as MCP resources, {@code perp://markets} (with prices), {@code perp://positions}
 * and {@code perp://fills} (the newest 100), read from the node when the client reads them; and,
 * for a client that subscribed, a {@code notifications/resources/updated} when the node's event
 * stream says one changed (a position opened or closed, a fill itemised, a new oracle price).
 */
final class PerpResources {
  static final String MARKETS = "perp://markets";
  static final String POSITIONS = "perp://positions";
  static final String FILLS = "perp://fills";

  /** Which resource an event of the node's stream changes (its channel), none for others. */
  static final Map<String, String> CHANGED_BY = Map.of("price", MARKETS, "position_opened", POSITIONS,
      "position_closed", POSITIONS, "fill", FILLS);

  private interface Reader {
    Object read() throws ApiException;
  }

  private final NodeClient node;

  PerpResources(final NodeClient node) {
    this.node = node;
  }

  List<SyncResourceSpecification> all() {
    return List.of(
        resource(MARKETS, "markets", "The markets this node trades and their oracle prices",
            () -> Map.of("markets", node.markets(), "prices", node.prices())),
        resource(POSITIONS, "positions", "Our open positions", node::positions),
        resource(FILLS, "fills", "The newest 100 opens and closes of our positions, with fees, funding and PnL",
            node::fills));
  }

  /** Follows the node's events and tells the server which resources changed; close it with the server. */
  EventStream follow(final McpSyncServer server) {
    return node.stream().channels(CHANGED_BY.keySet().toArray(String[]::new)).onEvent((Event e) -> {
      final String uri = CHANGED_BY.get(e.channel());
      if (uri != null) {
        server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri));
      }
    }).start();
  }

  private static SyncResourceSpecification resource(final String uri, final String name, final String description,
      final Reader reader) {
    return new SyncResourceSpecification(McpSchema.Resource.builder().uri(uri).name(name).description(description)
        .mimeType("application/json").build(), (exchange, request) -> {
          String text;
          try {
            text = Json.MAPPER.writeValueAsString(reader.read());
          } catch (ApiException e) {
            text = "{\"error\":" + quote(e.getMessage()) + "}";
          } catch (JsonProcessingException e) {
            text = "{\"error\":" + quote(e.getOriginalMessage()) + "}";
          }
          return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, "application/json",
              text)));
        });
  }

  private static String quote(final String s) {
    try {
      return Json.MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      return "\"unprintable error\"";
    }
  }
}
