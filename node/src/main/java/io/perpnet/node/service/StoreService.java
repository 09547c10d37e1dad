package io.perpnet.node.service;

import io.perpnet.node.store.Store;
import java.nio.file.Path;

/** Opens the node's store (refused if another node holds the directory) and closes it last. */
public final class StoreService implements Service {
  private final Path dir;
  private Store store;

  public StoreService(final Path dir) {
    this.dir = dir;
  }

  @Override
  public String name() {
    return "store";
  }

  @Override
  public void start() throws Exception {
    store = Store.open(dir);
  }

  public Store store() {
    return store;
  }

  @Override
  public void stop() {
    store.close();
  }
}
