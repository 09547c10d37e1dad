package io.perpnet.p2p.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Netty's leak reports, collected so that a test can fail on them. Netty's detector logs a
 * "LEAK:" error when a tracked buffer is garbage-collected unreleased (every buffer is tracked at
 * the paranoid level the build sets); an appender on that logger keeps the reports, and
 * {@link #collect} forces the collection and the detector's check so that a leak made by a test
 * is found before the next one starts.
 */
public final class NettyLeaks {
  private static final String DETECTOR_LOGGER = ResourceLeakDetector.class.getName();
  private static final List<String> REPORTS = new ArrayList<>();

  static {
    final Logger logger = (Logger) LoggerFactory.getLogger(DETECTOR_LOGGER);
    final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
      @Override
      protected void append(final ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getFormattedMessage().startsWith("LEAK")) {
          synchronized (REPORTS) {
            REPORTS.add(event.getFormattedMessage());
          }
        }
      }
    };
    appender.setContext(logger.getLoggerContext());
    appender.setName("netty-leaks");
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.ERROR);
  }

  private NettyLeaks() {}

  /** Starts collecting (idempotent). */
  public static void install() {
    // the static initializer did the work
  }

  /**
   * Runs a garbage collection, waits until the collector has enqueued what it found (a sentinel
   * reference of our own is enqueued with them), lets the detector look at its queue, and returns
   * (and forgets) every leak reported so far.
   */
  public static List<String> collect() {
    final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
    for (int round = 0; round < 3 && sentinel != null; round++) {
      System.gc();
      try {
        if (queue.remove(1_000) != null) {
          sentinel = null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // the detector reads its reference queue whenever it tracks a new buffer
    ByteBufAllocator.DEFAULT.buffer(1).release();
    synchronized (REPORTS) {
      final List<String> found = List.copyOf(REPORTS);
      REPORTS.clear();
      return found;
    }
  }

  /** Fails with Netty's report when any buffer leaked since the last look. */
  public static void assertNone(final String where) {
    final List<String> leaks = collect();
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " Netty buffer leak(s) found after " + where + ":\n"
          + String.join("\n", leaks));
    }
  }
}
