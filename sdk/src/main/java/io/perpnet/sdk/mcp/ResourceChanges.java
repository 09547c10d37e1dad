package io.perpnet.sdk.mcp;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.perpnet.sdk.client.NodeClient;
import io.perpnet.sdk.stream.Event;
import io.perpnet.sdk.stream.EventStream;
import java.util.Map;

/**
 * {@code notifications/resources/updated} for a client that subscribed to the node's resources
 * ({@code perp://markets}, {@code perp://positions}, {@code perp://fills}), when the node's event
 * stream says one changed: a new oracle price, a position opened or closed, a fill itemised.
 */
final class ResourceChanges {
  /** Which resource an event of the node's stream changes (by its channel). */
  static final Map<String, String> CHANGED_BY = Map.of("price", "perp://markets", "position_opened",
      "perp://positions", "position_closed", "perp://positions", "fill", "perp://fills");

  private ResourceChanges() {}

  /** Follows the node's events and tells the server which resources changed; close it with the server. */
  static EventStream follow(final NodeClient node, final McpSyncServer server) {
    return node.stream().channels(CHANGED_BY.keySet().toArray(String[]::new)).onEvent((Event e) -> {
      final String uri = CHANGED_BY.get(e.channel());
      if (uri != null) {
        server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri));
      }
    }).start();
  }
}
