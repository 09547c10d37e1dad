package io.perpnet.node.metrics;

import io.perpnet.node.gossip.ValidationCounters;
import io.perpnet.node.store.Event;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What a node counts, through the Prometheus Java client (names in the module README):
 * every state change by kind (the event log's kinds: intents published, quotes sent, reservations,
 * matches, positions), gossip messages validated by kind and refused by reason, chain submission
 * latency, connected peers. One registry per node, so nodes in one process do not mix.
 */
public final class NodeMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter events = Counter.builder().name("perp_events_total")
      .help("state changes written to the event log, by kind").labelNames("kind").register(registry);
  private final Histogram submissions = Histogram.builder().name("perp_chain_submission_seconds")
      .help("from a countersigned match to its position on chain (or the terms' expiry)").labelNames("outcome")
      .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60).register(registry);

  public PrometheusRegistry registry() {
    return registry;
  }

  public void event(final Event e) {
    events.labelValues(e.kind()).inc();
  }

  public void submitted(final String outcome, final Duration took) {
    submissions.labelValues(outcome).observe(took.toNanos() / 1e9);
  }

  /** Gossip validation counts, read at each scrape. */
  public void gossip(final Supplier<ValidationCounters> counters) {
    CounterWithCallback.builder().name("perp_gossip_validated_total").help("gossip messages accepted, by kind")
        .labelNames("kind").callback(cb -> {
          final ValidationCounters c = counters.get();
          if (c != null) {
            c.accepted().forEach((kind, n) -> cb.call(n, kind));
          }
        }).register(registry);
    CounterWithCallback.builder().name("perp_gossip_refused_total")
        .help("gossip messages refused, by stable reason code").labelNames("reason").callback(cb -> {
          final ValidationCounters c = counters.get();
          if (c != null) {
            c.refused().forEach((reason, n) -> cb.call(n, reason));
          }
        }).register(registry);
  }

  /** The oracle's counts (a node with the oracle or keeper role), read at each scrape. */
  public void oracle(final io.perpnet.node.oracle.OracleStats s) {
    CounterWithCallback.builder().name("perp_oracle_signed_total").help("price attestations signed")
        .callback(cb -> cb.call(s.signed())).register(registry);
    CounterWithCallback.builder().name("perp_oracle_refused_total")
        .help("source readings not signed, by reason (the guard's or the feed's)").labelNames("reason")
        .callback(cb -> s.refused().forEach((reason, n) -> cb.call(n, reason))).register(registry);
    CounterWithCallback.builder().name("perp_oracle_posts_total")
        .help("post_prices sent, by outcome: landed, lost (another landed first), failed").labelNames("outcome")
        .callback(cb -> {
          cb.call(s.posted(), "landed");
          cb.call(s.lost(), "lost");
          cb.call(s.failed(), "failed");
        }).register(registry);
  }

  /** The liquidator's counts, read at each scrape. */
  public void liquidator(final io.perpnet.node.liquidator.LiquidatorStats s) {
    CounterWithCallback.builder().name("perp_liquidations_total")
        .help("liquidation attempts by outcome: won, lost (someone came first), failed, stale (price too old to try)")
        .labelNames("outcome").callback(cb -> {
          cb.call(s.wins(), "won");
          cb.call(s.losses(), "lost");
          cb.call(s.failures(), "failed");
          cb.call(s.staleSkips(), "stale");
        }).register(registry);
    CounterWithCallback.builder().name("perp_liquidator_earnings_usdc_units_total")
        .help("the liquidator's rewards, USDC base units").callback(cb -> cb.call(s.earnings())).register(registry);
  }

  public void peers(final IntSupplier peers) {
    GaugeWithCallback.builder().name("perp_peers").help("peers connected").callback(cb -> cb.call(peers.getAsInt()))
        .register(registry);
  }
}
