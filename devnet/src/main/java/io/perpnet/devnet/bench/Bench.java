package io.perpnet.devnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.devnet.DevnetState;
import io.perpnet.devnet.net.NodeApi;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code perp devnet bench}: K trader agents, each an API client of one of the devnet's trader
 * nodes (round robin), for T seconds: each places 0.001 BTC-PERP intents (long and short in turn,
 * 5x, the first acceptable quote) one after another and waits for its match and then its position
 * on chain, both timed by the node's WebSocket events as they arrive. Reports intents, matches and positions per second, intent to
 * match and match to chain latency (p50, p99), refusals by reason, and each node's CPU (cores
 * used over the run) and resident memory.
 */
public final class Bench {
  /** An intent lives 5 s by the API's default: no match by then, it did not fill. */
  private static final Duration INTENT_WAIT = Duration.ofSeconds(6);
  private static final Duration CHAIN_WAIT = Duration.ofSeconds(30);
  private final DevnetState state;
  private final PrintWriter out;
  private final Latencies toMatch = new Latencies();
  private final Latencies toChain = new Latencies();
  private final AtomicLong intents = new AtomicLong();
  private final AtomicLong positions = new AtomicLong();
  private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();

  public Bench(final DevnetState state, final PrintWriter out) {
    this.state = state;
    this.out = out;
  }

  public void run(final int traders, final Duration length) throws Exception {
    final List<DevnetState.NodeEntry> nodes = state.nodes().stream().filter(n -> n.roles().contains("trader")).toList();
    if (nodes.isEmpty()) {
      throw new IllegalStateException("the devnet has no trader node");
    }
    final Map<String, Optional<NodeUsage>> before = usage();
    final long start = System.nanoTime();
    final long end = start + length.toNanos();
    final List<Thread> agents = new ArrayList<>();
    final List<MatchEvents> streams = new ArrayList<>();
    try {
      for (final DevnetState.NodeEntry n : nodes) {
        streams.add(MatchEvents.open(n));
      }
      for (int i = 0; i < traders; i++) {
        final DevnetState.NodeEntry n = nodes.get(i % nodes.size());
        final NodeApi api = new NodeApi(n.apiUrl(), Path.of(n.tokenFile()));
        final MatchEvents events = streams.get(i % nodes.size());
        final boolean longFirst = i % 2 == 0;
        agents.add(Thread.ofPlatform().name("agent-" + i).start(() -> agent(api, events, longFirst, end)));
      }
      for (final Thread t : agents) {
        t.join();
      }
    } finally {
      streams.forEach(MatchEvents::close);
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    report(traders, nodes.size(), seconds, before, usage());
  }

  private void agent(final NodeApi api, final MatchEvents events, final boolean longFirst, final long end) {
    boolean buy = longFirst;
    while (System.nanoTime() < end) {
      try {
        final long t0 = System.nanoTime();
        final JsonNode placed = api.post("/v1/intents", "{\"market\": \"BTC-PERP\", \"side\": \""
            + (buy ? "long" : "short") + "\", \"size\": \"0.001\", \"leverage\": 5, \"slippageBps\": 200, "
            + "\"firstAcceptable\": true}");
        intents.incrementAndGet();
        final String intent = placed.path("id").asText();
        final MatchEvents.Matched m;
        try {
          m = events.match(intent).get(INTENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          refused("intent " + api.get("/v1/intents/" + intent + "?waitMs=10000").path("status").asText());
          continue;
        }
        toMatch.add(m.atNanos() - t0);
        try {
          toChain.add(events.opened(m.matchId()).get(CHAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS) - m.atNanos());
          positions.incrementAndGet();
        } catch (TimeoutException e) {
          refused("match " + api.get("/v1/matches/" + m.matchId()).path("state").asText());
        }
      } catch (NodeApi.ApiException e) {
        refused(e.body.path("code").asText("HTTP " + e.status));
      } catch (java.io.IOException | java.util.concurrent.ExecutionException e) {
        refused("I/O: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      buy = !buy;
    }
  }

  private void refused(final String reason) {
    refusals.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
  }

  private Map<String, Optional<NodeUsage>> usage() {
    final Map<String, Optional<NodeUsage>> m = new HashMap<>();
    state.nodes().forEach(n -> m.put(n.name(), NodeUsage.of(n.process().pid())));
    return m;
  }

  private void report(final int traders, final int traderNodes, final double seconds,
      final Map<String, Optional<NodeUsage>> before, final Map<String, Optional<NodeUsage>> after) {
    out.printf("devnet bench: %d trader agents on %d trader node(s), %.1f s, %d cores on this machine%n", traders,
        traderNodes, seconds, Runtime.getRuntime().availableProcessors());
    out.printf("  intents %.1f/s, matches %.1f/s, positions opened on chain %.1f/s%n", intents.get() / seconds,
        toMatch.count() / seconds, positions.get() / seconds);
    out.printf("  intent to match   p50 %7.2f ms  p99 %7.2f ms  (%d)%n", toMatch.percentileMs(50),
        toMatch.percentileMs(99), toMatch.count());
    out.printf("  match to on chain p50 %7.2f ms  p99 %7.2f ms  (%d)%n", toChain.percentileMs(50),
        toChain.percentileMs(99), toChain.count());
    out.println("  refusals: " + (refusals.isEmpty() ? "none" : new java.util.TreeMap<>(refusals)));
    for (final DevnetState.NodeEntry n : state.nodes()) {
      final Optional<NodeUsage> a = before.get(n.name());
      final Optional<NodeUsage> b = after.get(n.name());
      if (a.isPresent() && b.isPresent()) {
        out.printf("  %-20s cpu %.2f cores, rss %d MiB%n", n.name(),
            (b.get().cpu().toNanos() - a.get().cpu().toNanos()) / 1e9 / seconds, b.get().rssBytes() >> 20);
      } else {
        out.printf("  %-20s not running%n", n.name());
      }
    }
  }
}
