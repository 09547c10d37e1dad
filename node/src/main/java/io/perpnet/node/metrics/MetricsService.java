package io.perpnet.node.metrics;

import io.perpnet.node.service.Service;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the node's metrics at {@code http://<metrics-listen>/metrics} in the Prometheus text format. */
public final class MetricsService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsService.class);
  private final NodeMetrics metrics;
  private final InetSocketAddress listen;
  private HTTPServer server;

  public MetricsService(final NodeMetrics metrics, final InetSocketAddress listen) {
    this.metrics = metrics;
    this.listen = listen;
  }

  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public void start() throws Exception {
    server = HTTPServer.builder().hostname(listen.getHostString()).port(listen.getPort()).registry(metrics.registry())
        .buildAndStart();
    LOG.info("metrics on http://{}:{}/metrics", listen.getHostString(), server.getPort());
  }

  /** The port bound (the configured one, or the one the system chose for port 0). */
  public int port() {
    return server.getPort();
  }

  @Override
  public void stop() {
    server.close();
  }
}
