package io.perpnet.node.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts services in order and stops the started ones in reverse, also when a start fails. */
public final class Services implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);
  private final Deque<Service> started = new ArrayDeque<>();

  /** Starts each of {@code services}; on a failure stops those started and rethrows. */
  public static Services start(final List<Service> services) throws Exception {
    final Services s = new Services();
    for (final Service service : services) {
      try {
        service.start();
        s.started.push(service);
        LOG.debug("{} started", service.name());
      } catch (Exception e) {
        s.close();
        throw e;
      }
    }
    return s;
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      final Service service = started.pop();
      try {
        service.stop();
        LOG.debug("{} stopped", service.name());
      } catch (RuntimeException e) {
        LOG.warn("{} did not stop cleanly: {}", service.name(), e.toString());
      }
    }
  }
}
