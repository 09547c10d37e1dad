package io.perpnet.node.service;

import io.perpnet.node.store.Store;
import java.nio.file.Path;

/** Opens the node's store (refused if another node holds the directory) and closes it last. */
public final class StoreService implements Service {
  private final Path dir;
  private final java.util.function.Consumer<io.perpnet.node.store.Event> listener;
  private Store store;

  /** @param listener told of every event appended (metrics) */
  public StoreService(final Path dir, final java.util.function.Consumer<io.perpnet.node.store.Event> listener) {
    this.dir = dir;
    this.listener = listener;
  }

  @Override
  public String name() {
    return "store";
  }

  @Override
  public void start() throws Exception {
    store = Store.open(dir);
    store.addListener(listener);
  }

  public Store store() {
    return store;
  }

  @Override
  public void stop() {
    store.close();
  }
}
