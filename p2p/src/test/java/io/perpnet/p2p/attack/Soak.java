package io.perpnet.p2p.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The attack suite as a soak: one node, two honest peers publishing through it the whole time,
 * and the attacks in turn, each for a round, until the duration is up. Prints one line per round
 * (honest delivery, direct memory, heap after a collection, resident set) and a summary; exits 1
 * if any round delivered less than 99%.
 *
 * <pre>./mvnw -q -pl p2p -Psoak test-compile exec:exec -Dsoak.args="--duration 10m --round 20s"</pre>
 */
public final class Soak {
  private record Round(String name, int size, Duration every, Starter attack) {}

  @FunctionalInterface
  private interface Starter {
    AutoCloseable start(UnderAttack scene) throws Exception;
  }

  private Soak() {}

  public static void main(final String[] args) throws Exception {
    Duration duration = Duration.ofMinutes(10);
    Duration round = Duration.ofSeconds(20);
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--duration" -> duration = parse(args[i + 1]);
        case "--round" -> round = parse(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--duration, --round)");
      }
    }
    final List<Round> rounds = List.of(
        new Round("ping echo without window", 256, Duration.ofMillis(10),
            s -> running(Attacks.pingEchoWithoutWindow(raw(s)))),
        new Round("yamux ping flood", 256, Duration.ofMillis(10), s -> running(Attacks.yamuxPingFlood(raw(s)))),
        new Round("huge-window non-reader", 16 * 1024, Duration.ofMillis(5),
            s -> running(Attacks.hugeWindowNonReader(raw(s), UnderAttack.TOPIC))),
        new Round("prune storm", 256, Duration.ofMillis(10), s -> running(Attacks.pruneStorm(raw(s), UnderAttack.TOPIC))),
        new Round("duplicate replay x3", 256, Duration.ofMillis(10), s -> {
          final byte[] m = UnderAttack.utf8("replayed " + System.nanoTime());
          final List<AutoCloseable> all = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            all.add(running(Attacks.duplicateReplay(raw(s), UnderAttack.TOPIC, m)));
          }
          return () -> closeAll(all);
        }),
        new Round("400 half-open connections", 256, Duration.ofMillis(10), s -> {
          final var open = Attacks.halfOpen(s.nodeAddress(), UnderAttack.ATTACKER_IP, 400);
          return () -> {
            for (final var ch : open) {
              ch.close();
            }
          };
        }));
    final long end = System.nanoTime() + duration.toNanos();
    double worst = 1;
    long maxHeap = 0;
    long maxRss = 0;
    long maxDirect = 0;
    int n = 0;
    System.out.printf("%-28s %9s %10s %10s %10s%n", "round", "delivery", "direct", "heap", "rss");
    try (UnderAttack scene = new UnderAttack()) {
      while (System.nanoTime() < end) {
        final Round r = rounds.get(n++ % rounds.size());
        scene.validatedByNode.clear(); // the fixture's bookkeeping, not the node's: kept per round only
        final int perPeer = (int) (round.toNanos() / r.every().toNanos());
        double share;
        try (Traffic t = scene.traffic(perPeer, r.size(), r.every()); AutoCloseable attack = r.attack().start(scene)) {
          try {
            t.awaitDelivered(0.99, round.plusSeconds(30));
            try {
              share = t.awaitDelivered(1.0, Duration.ofSeconds(3)); // the stragglers, for the figure
            } catch (AssertionError notAll) {
              share = (double) t.delivered() / t.total();
            }
          } catch (AssertionError e) {
            share = (double) t.delivered() / t.total();
            System.out.printf("  %s; at a %d, at b %d, node connected to a %s, to b %s%n", e.getMessage(),
                scene.atA.count(), scene.atB.count(), scene.connected(scene.a.peerId()), scene.connected(scene.b.peerId()));
          }
        }
        if (!scene.connected(scene.a.peerId()) || !scene.connected(scene.b.peerId())) {
          System.out.printf("  after this round the node is connected to a: %s, to b: %s%n",
              scene.connected(scene.a.peerId()), scene.connected(scene.b.peerId()));
        }
        final long heap = NodeMemory.heapAfterGc();
        final long rss = NodeMemory.rss();
        final long direct = NodeMemory.direct();
        worst = Math.min(worst, share);
        maxHeap = Math.max(maxHeap, heap);
        maxRss = Math.max(maxRss, rss);
        maxDirect = Math.max(maxDirect, direct);
        System.out.printf(Locale.ROOT, "%-28s %8.2f%% %10s %10s %10s%n", r.name(), share * 100, NodeMemory.mib(direct),
            NodeMemory.mib(heap), NodeMemory.mib(rss));
      }
      scene.newHonestPeerConnects();
    }
    System.out.printf(Locale.ROOT, "%d rounds in %s: worst delivery %.2f%%, max direct %s, max heap %s, max rss %s%n",
        n, duration, worst * 100, NodeMemory.mib(maxDirect), NodeMemory.mib(maxHeap), NodeMemory.mib(maxRss));
    System.exit(worst >= 0.99 ? 0 : 1);
  }

  private static RawPeer raw(final UnderAttack scene) throws Exception {
    return RawPeer.connect(scene.nodeAddress(), UnderAttack.ATTACKER_IP);
  }

  private static AutoCloseable running(final UnderAttack.Attack attack) {
    final UnderAttack.Running r = new UnderAttack.Running(attack);
    return r::close;
  }

  private static void closeAll(final List<AutoCloseable> all) throws Exception {
    for (final AutoCloseable c : all) {
      c.close();
    }
  }

  private static Duration parse(final String s) {
    final long v = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(v);
      case 'm' -> Duration.ofMinutes(v);
      case 'h' -> Duration.ofHours(v);
      default -> throw new IllegalArgumentException("a duration is a number and s, m or h: " + s);
    };
  }
}
