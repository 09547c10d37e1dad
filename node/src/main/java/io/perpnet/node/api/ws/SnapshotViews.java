package io.perpnet.node.api.ws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.perpnet.node.Node;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.chain.OpenPosition;
import io.perpnet.node.store.StoreException;

/** The current state a subscription without {@code after} starts with. */
final class SnapshotViews {
  private SnapshotViews() {}

  static ArrayNode positions(final Node node) throws StoreException {
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (final OpenPosition p : node.positions()) {
      final var m = node.chain().markets().get(p.market());
      if (m != null) {
        out.add(Views.position(p, m, node.chain().client().program().position(p.matchId().bytes(),
            p.match().payload().positionBump()).address().toBase58()));
      }
    }
    return out;
  }
}
