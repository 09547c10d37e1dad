package io.perpnet.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.perpnet.devnet.net.NodeApi;
import io.perpnet.devnet.proc.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devnet's recent trades (the matches its trader nodes countersigned, newest first by their
 * expiry) and liquidations (what its liquidators landed, newest first), from the nodes' APIs; a
 * node that does not answer is left out.
 */
final class Activity {
  static final int RECENT = 10;

  private Activity() {}

  static void recent(final List<DevnetState.NodeEntry> nodes, final ArrayNode trades, final ArrayNode liquidations) {
    final Map<String, JsonNode> matches = new LinkedHashMap<>();
    final List<JsonNode> landed = new ArrayList<>();
    for (final DevnetState.NodeEntry n : nodes) {
      if (!Processes.alive(n.process())) {
        continue;
      }
      final NodeApi api = new NodeApi(n.apiUrl(), Path.of(n.tokenFile()));
      try {
        if (n.roles().contains("trader")) {
          api.get("/v1/matches").forEach(m -> matches.putIfAbsent(m.path("id").asText(), m));
        }
        if (n.roles().contains("liquidator")) {
          api.get("/v1/liquidations").forEach(l -> landed.add(((com.fasterxml.jackson.databind.node.ObjectNode) l)
              .put("liquidator", n.name())));
        }
      } catch (java.io.IOException e) {
        // not answering: its activity is not in the list
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    matches.values().stream().sorted(Comparator.comparingLong((JsonNode m) -> m.path("expiryMs").asLong()).reversed())
        .limit(RECENT).forEach(m -> trades.addObject().put("id", m.path("id").asText())
            .put("market", m.path("market").asText()).put("side", m.path("side").asText())
            .put("size", m.path("size").asText()).put("price", m.path("price").asText())
            .put("trader", m.path("trader").asText()).put("maker", m.path("maker").asText())
            .put("state", m.path("state").asText()));
    landed.stream().sorted(Comparator.comparingLong((JsonNode l) -> l.path("atMs").asLong()).reversed()).limit(RECENT)
        .forEach(liquidations::add);
  }
}
