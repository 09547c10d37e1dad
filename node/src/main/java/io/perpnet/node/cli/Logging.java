package io.perpnet.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.perpnet.node.config.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's logging: what the node does at INFO (one line per event, with ids) unless
 * {@code -Dperpnet.log} says otherwise, as text or as one JSON object per line.
 */
final class Logging {
  private Logging() {}

  static void configure(final NodeConfig.LogFormat format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    if (System.getProperty("perpnet.log") == null) {
      context.getLogger("io.perpnet").setLevel(Level.INFO);
    }
    if (format == NodeConfig.LogFormat.JSON
        && context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> a) {
      final JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      // the message as written, not its pattern and arguments apart; no logger-context noise
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithContext(false);
      json.setWithSequenceNumber(false);
      json.start();
      a.stop();
      a.setEncoder(json);
      a.start();
    }
  }
}
