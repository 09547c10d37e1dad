package io.perpnet.node.store;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The event log as a stream from a sequence number: the stored events first, then the new ones as
 * they are written, without a gap or a duplicate between the two. New events that arrive while
 * the stored ones are read wait in a buffer. Once live, the consumer runs on the appending thread:
 * it must be quick (hand the event to a bounded queue, say). Closing stops it.
 */
public final class EventFeed implements AutoCloseable {
  private final Store store;
  private final Consumer<Event> consumer;
  private final ArrayDeque<Event> waiting = new ArrayDeque<>();
  private final Consumer<Event> listener = this::arrived;
  private boolean live;
  private volatile boolean closed;

  private EventFeed(final Store store, final Consumer<Event> consumer) {
    this.store = store;
    this.consumer = consumer;
  }

  static EventFeed start(final Store store, final long from, final Consumer<Event> consumer) throws StoreException {
    final EventFeed feed = new EventFeed(store, consumer);
    final long firstLive = store.addListenerAtNext(feed.listener);
    try {
      store.forEachEvent(from, e -> {
        if (e.sequence() < firstLive && !feed.closed) {
          consumer.accept(e);
        }
      });
    } catch (StoreException | RuntimeException e) {
      feed.close();
      throw e;
    }
    feed.goLive();
    return feed;
  }

  private synchronized void arrived(final Event e) {
    if (closed) {
      return;
    }
    if (live) {
      consumer.accept(e);
    } else {
      waiting.add(e);
    }
  }

  private synchronized void goLive() {
    while (!waiting.isEmpty() && !closed) {
      consumer.accept(waiting.poll());
    }
    live = true;
  }

  @Override
  public void close() {
    closed = true;
    store.removeListener(listener);
  }
}
