package io.perpnet.node.store;

/** The store cannot do what was asked: a locked, newer or damaged data directory, or an I/O error. */
public final class StoreException extends Exception {
  public StoreException(final String message) {
    super(message);
  }

  public StoreException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
