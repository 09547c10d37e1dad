package io.perpnet.p2p.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.pubsub.ScoreParams;
import io.perpnet.p2p.pubsub.SignaturePolicy;
import io.perpnet.p2p.pubsub.TopicValidator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The gossip benchmark: our implementation and js-libp2p (interop/jsbench.mjs), same topology, same
 * method, same run, on 127.0.0.1, StrictNoSign with SHA-256 message ids.
 *
 * <ul>
 *   <li>Throughput: four fully connected nodes; node 0 publishes N messages of 256 bytes, keeping at
 *       most 1,000 not yet delivered everywhere; reported as deliveries per second at the other three.
 *   <li>Latency: a chain A - B - C; A publishes at 1,000 messages per second, each carrying its send
 *       time; B gives one-hop latency, C two-hop; p50 and p99.
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -pl p2p -am -Pbench test-compile exec:exec -Dbench.args="--messages 20000"}
 * (after one {@code ./mvnw -pl p2p -am install -DskipTests}, or with {@code -am} as shown).
 */
public final class GossipBench {
  private static final String TOPIC = "bench";
  private static final int WINDOW = 1000;

  private GossipBench() {}

  public static void main(final String[] args) throws Exception {
    int messages = 20_000;
    int size = 256;
    int rate = 1000;
    int latencyMessages = 3000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--messages" -> messages = Integer.parseInt(args[i + 1]);
        case "--size" -> size = Integer.parseInt(args[i + 1]);
        case "--rate" -> rate = Integer.parseInt(args[i + 1]);
        case "--latency-messages" -> latencyMessages = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    // warm-up: JIT both paths once, then measure
    throughput(Math.min(messages, 5000), size);
    latency(Math.min(latencyMessages, 2000), rate, size);
    final Map<String, Object> java = new LinkedHashMap<>();
    java.put("impl", "perpnet-java");
    // like JMH's -gc true: start each measured phase without the previous phase's garbage
    System.gc();
    final double[] t = throughput(messages, size);
    java.put("throughput_msgs_per_s", Math.round(t[0]));
    java.put("seconds", t[1]);
    System.gc();
    final double[][] l = latency(latencyMessages, rate, size);
    java.put("one_hop_p50_ms", percentile(l[0], 0.5));
    java.put("one_hop_p99_ms", percentile(l[0], 0.99));
    java.put("two_hop_p50_ms", percentile(l[1], 0.5));
    java.put("two_hop_p99_ms", percentile(l[1], 0.99));
    java.put("latency_delivered_one_hop", l[0].length);
    java.put("latency_delivered_two_hop", l[1].length);
    final JsonNode js = runJs(messages, size, rate, latencyMessages);
    final ObjectMapper json = new ObjectMapper();
    System.out.println(json.writeValueAsString(java));
    System.out.println(js);
    System.out.printf("%nGossip on 127.0.0.1, %d-byte payloads, StrictNoSign%n", size);
    System.out.printf("%-34s %14s %14s %8s%n", "", "java", "js-libp2p", "ratio");
    row("4-node mesh deliveries/s", ((Number) java.get("throughput_msgs_per_s")).doubleValue(),
        js.get("throughput_msgs_per_s").asDouble(), true);
    row("one hop p50 ms @" + rate + "/s", (double) java.get("one_hop_p50_ms"), js.get("one_hop_p50_ms").asDouble(), false);
    row("one hop p99 ms @" + rate + "/s", (double) java.get("one_hop_p99_ms"), js.get("one_hop_p99_ms").asDouble(), false);
    row("two hops p50 ms @" + rate + "/s", (double) java.get("two_hop_p50_ms"), js.get("two_hop_p50_ms").asDouble(), false);
    row("two hops p99 ms @" + rate + "/s", (double) java.get("two_hop_p99_ms"), js.get("two_hop_p99_ms").asDouble(), false);
  }

  private static void row(final String name, final double java, final double js, final boolean higherIsBetter) {
    System.out.printf("%-34s %14.3f %14.3f %7.2fx%n", name, java, js, higherIsBetter ? java / js : js / java);
  }

  private static List<LibP2pNetwork> nodes(final int n) throws Exception {
    final List<LibP2pNetwork> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final P2pNetwork.Config d = P2pNetwork.Config.defaults(Ed25519KeyPair.generate(),
          List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), List.of(), SignaturePolicy.STRICT_NO_SIGN);
      out.add(P2pNetwork.start(new P2pNetwork.Config(d.identity(), d.listen(), d.bootstrap(), d.policy(), d.host(),
          d.gossip(), ScoreParams.defaults().withIpWhitelist(Set.of("127.0.0.1")), 0)));
    }
    return out;
  }

  private static void meshed(final LibP2pNetwork n, final int want) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (n.gossip().meshPeers(TOPIC).get().size() < want) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("mesh did not form");
      }
      Thread.sleep(50); // set-up only: the mesh forms at heartbeats and announces nothing to wait on
    }
  }

  private static byte[] payload(final int size, final long counter, final long sentAt) {
    return ByteBuffer.allocate(size).putLong(counter).putLong(sentAt).array();
  }

  /** Deliveries per second and the seconds taken. */
  private static double[] throughput(final int messages, final int size) throws Exception {
    final List<LibP2pNetwork> ns = nodes(4);
    try {
      for (int i = 0; i < 4; i++) {
        for (int j = i + 1; j < 4; j++) {
          ns.get(i).host().dial(ns.get(j).listenAddresses().getFirst()).get(10, TimeUnit.SECONDS);
        }
      }
      final AtomicLongArray counts = new AtomicLongArray(3);
      for (int i = 0; i < 4; i++) {
        final int receiver = i - 1;
        ns.get(i).gossip().subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> {
          if (receiver >= 0) {
            counts.incrementAndGet(receiver);
          }
        });
      }
      for (final LibP2pNetwork n : ns) {
        meshed(n, 3);
      }
      final long start = System.nanoTime();
      final long deadline = start + TimeUnit.SECONDS.toNanos(120);
      long sent = 0;
      while (min(counts) < messages && System.nanoTime() < deadline) {
        if (sent < messages && sent - min(counts) < WINDOW) {
          ns.get(0).publish(TOPIC, payload(size, sent, System.nanoTime()));
          sent++;
        } else {
          LockSupport.parkNanos(20_000);
        }
      }
      final double seconds = (System.nanoTime() - start) / 1e9;
      final long delivered = counts.get(0) + counts.get(1) + counts.get(2);
      return new double[] {delivered / seconds, Math.round(seconds * 1000) / 1000.0};
    } finally {
      ns.forEach(P2pNetwork::close);
    }
  }

  private static long min(final AtomicLongArray a) {
    return Math.min(a.get(0), Math.min(a.get(1), a.get(2)));
  }

  /** Sorted one-hop and two-hop latencies in milliseconds. */
  private static double[][] latency(final int messages, final int rate, final int size) throws Exception {
    final List<LibP2pNetwork> ns = nodes(3);
    try {
      ns.get(0).host().dial(ns.get(1).listenAddresses().getFirst()).get(10, TimeUnit.SECONDS);
      ns.get(1).host().dial(ns.get(2).listenAddresses().getFirst()).get(10, TimeUnit.SECONDS);
      final double[][] samples = {new double[messages], new double[messages]};
      final int[] got = new int[2];
      ns.get(0).gossip().subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> {});
      for (int hop = 0; hop < 2; hop++) {
        final int h = hop;
        ns.get(hop + 1).gossip().subscribe(TOPIC, TopicValidator.ACCEPT_ALL, m -> {
          final long sentAt = ByteBuffer.wrap(m.data()).getLong(8);
          synchronized (samples) {
            if (got[h] < messages) {
              samples[h][got[h]++] = (System.nanoTime() - sentAt) / 1e6;
            }
            if (got[0] == messages && got[1] == messages) {
              samples.notifyAll();
            }
          }
        });
      }
      meshed(ns.get(0), 1);
      meshed(ns.get(1), 2);
      meshed(ns.get(2), 1);
      final long interval = 1_000_000_000L / rate;
      final long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        final long due = start + i * interval;
        final long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait); // not a spin: the nodes need both cores
        }
        ns.get(0).publish(TOPIC, payload(size, i, System.nanoTime()));
      }
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      synchronized (samples) {
        // woken by the handler once both hops have every message; stragglers count as lost
        long left;
        while ((got[0] < messages || got[1] < messages) && (left = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(samples, left);
        }
        final double[] one = Arrays.copyOf(samples[0], got[0]);
        final double[] two = Arrays.copyOf(samples[1], got[1]);
        Arrays.sort(one);
        Arrays.sort(two);
        return new double[][] {one, two};
      }
    } finally {
      ns.forEach(P2pNetwork::close);
    }
  }

  private static double percentile(final double[] sorted, final double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    final double v = sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    return Math.round(v * 1000) / 1000.0;
  }

  private static JsonNode runJs(final int messages, final int size, final int rate, final int latencyMessages)
      throws IOException, InterruptedException {
    final Process p = new ProcessBuilder("node", "interop/jsbench.mjs", "--messages", Integer.toString(messages),
        "--size", Integer.toString(size), "--rate", Integer.toString(rate),
        "--latency-messages", Integer.toString(latencyMessages))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("jsbench failed: " + out);
    }
    return new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
  }
}
