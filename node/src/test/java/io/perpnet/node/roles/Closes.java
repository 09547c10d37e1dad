package io.perpnet.node.roles;

import io.perpnet.node.Node;
import java.util.concurrent.CompletableFuture;

/** The next position.closed a node writes to its event log. */
final class Closes {
  private Closes() {}

  static CompletableFuture<Void> next(final Node n) {
    final CompletableFuture<Void> saw = new CompletableFuture<>();
    n.store().addListener(e -> {
      if (e.kind().equals("position.closed")) {
        saw.complete(null);
      }
    });
    return saw;
  }
}
