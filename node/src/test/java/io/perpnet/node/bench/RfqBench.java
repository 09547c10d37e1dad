package io.perpnet.node.bench;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.node.gossip.Envelope;
import io.perpnet.node.gossip.Topics;
import io.perpnet.node.rfq.RfqService;
import io.perpnet.node.rfq.SpreadStrategy;
import io.perpnet.node.rfq.TraderDesk;
import io.perpnet.node.rfq.TraderEngine;
import io.perpnet.node.store.Store;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.pubsub.ScoreParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The node benchmark (a command that prints figures): a trader and a maker node on 127.0.0.1 over
 * libp2p, first-acceptable mode, intent to countersigned match; then validated gossip messages per
 * second at one node against one thread's raw Ed25519 verification.
 *
 * <pre>./mvnw -q -pl node -Pbench test-compile exec:exec [-Dbench.args="--matches 2000"]</pre>
 */
public final class RfqBench {
  private RfqBench() {}

  public static void main(final String[] args) throws Exception {
    int matches = 1000;
    int messages = 20_000;
    int onChain = 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--matches" -> matches = Integer.parseInt(args[i + 1]);
        case "--messages" -> messages = Integer.parseInt(args[i + 1]);
        case "--on-chain" -> onChain = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("options: --matches N, --messages N, --on-chain N");
      }
    }
    final Path dir = Files.createTempDirectory("rfq-bench");
    final AgentLimits limits = new AgentLimits(50, 10_000_000_000L, 1_000_000);
    try (Store makerStore = Store.open(dir.resolve("maker")); Store traderStore = Store.open(dir.resolve("trader"));
        LibP2pNetwork makerNet = network(Fixtures.MAKER); LibP2pNetwork traderNet = network(Fixtures.TRADER)) {
      traderNet.host().dial(makerNet.listenAddresses().getFirst()).get(5, TimeUnit.SECONDS);
      // real time: the maker's per-peer rate limit refills with it
      final RfqService maker = rfq(Fixtures.MAKER, Role.MAKER, makerStore, makerNet, limits, System::currentTimeMillis);
      final RfqService trader = rfq(Fixtures.TRADER, Role.TRADER, traderStore, traderNet, limits,
          System::currentTimeMillis);
      maker.start();
      trader.start();
      for (final String topic : List.of(Topics.topic(Fixtures.PROGRAM, Fixtures.BTC.id(),
          io.perpnet.consensus.message.MessageType.INTENT), Topics.topic(Fixtures.PROGRAM, Fixtures.BTC.id(),
          io.perpnet.consensus.message.MessageType.QUOTE))) {
        makerNet.gossip().awaitMesh(topic, Set.of(traderNet.peerId())).get(20, TimeUnit.SECONDS);
        traderNet.gossip().awaitMesh(topic, Set.of(makerNet.peerId())).get(20, TimeUnit.SECONDS);
      }
      final long[] latencies = new long[matches];
      for (int i = -200; i < matches; i++) { // 200 to warm up
        final long start = System.nanoTime();
        final var placed = trader.trader().place(new TraderEngine.IntentRequest(Fixtures.BTC.id(), Side.LONG,
            Fixtures.SIZE, Fixtures.PRICE * 2, 0, 1_000, 10, 60_000, 60_000, true, 30_000)).get(10, TimeUnit.SECONDS);
        final List<TraderDesk.Outcome> fills = placed.fills().get(10, TimeUnit.SECONDS);
        if (fills.size() != 1 || !(fills.getFirst() instanceof TraderDesk.Outcome.Matched)) {
          throw new IllegalStateException("intent " + i + " ended with " + fills);
        }
        if (i >= 0) {
          latencies[i] = System.nanoTime() - start;
        }
      }
      Arrays.sort(latencies);
      System.out.printf(Locale.ROOT, "intent to countersigned match, %d matches, first-acceptable, 127.0.0.1:%n"
          + "  p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", matches, ms(latencies[matches / 2]),
          ms(latencies[matches * 99 / 100]), ms(latencies[matches - 1]));
      trader.stop();
      maker.stop();
    }
    validationThroughput(messages);
    if (onChain > 0) {
      matchToPosition(onChain);
    }
  }

  /** Against the devnet validator: from a countersigned match to its position confirmed on chain. */
  private static void matchToPosition(final int trades) throws Exception {
    final long[] latencies = new long[trades];
    try (io.perpnet.node.e2e.ChainScene s = new io.perpnet.node.e2e.ChainScene(Files.createTempDirectory("rfq-chain"),
        java.util.Optional.empty(), trades + 10)) {
      for (int i = -3; i < trades; i++) { // 3 to warm up
        final var match = s.buy(1_000_000L);
        final long start = System.nanoTime();
        final var outcome = s.trader.submission(match.hash()).get(60, TimeUnit.SECONDS);
        if (!(outcome instanceof io.perpnet.node.chain.Submitter.Outcome.Opened)) {
          throw new IllegalStateException("trade " + i + ": " + outcome);
        }
        if (i >= 0) {
          latencies[i] = System.nanoTime() - start;
        }
        s.trader.closeAtMark(match).get(60, TimeUnit.SECONDS); // frees the margin and the position slot
      }
    }
    Arrays.sort(latencies);
    System.out.printf(Locale.ROOT, "countersigned match to position confirmed on the devnet validator (50 ms slots),"
        + " %d trades:%n  p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", trades, ms(latencies[trades / 2]),
        ms(latencies[Math.min(trades - 1, trades * 99 / 100)]), ms(latencies[trades - 1]));
  }

  /** Valid intents gossiped to a node as fast as it takes them, against one thread verifying signatures. */
  private static void validationThroughput(final int messages) throws Exception {
    final List<Signed<Intent>> intents = new ArrayList<>(messages);
    for (int i = 0; i < messages; i++) {
      intents.add(Signed.sign(new Intent(Fixtures.header(Fixtures.NOW + 60_000, 1_000 + i), Fixtures.TRADER.publicKey(),
          Fixtures.SIZE, Fixtures.PRICE, 0, 1_000, 10, Side.LONG), Fixtures.TRADER));
    }
    final long rawStart = System.nanoTime();
    for (final Signed<Intent> s : intents) {
      if (!s.verify()) {
        throw new IllegalStateException("a fixture does not verify");
      }
    }
    final double raw = messages / ((System.nanoTime() - rawStart) / 1e9);
    // the validation stage alone: the consensus rules on one thread per core, as GossipSub.offLoop runs them
    final int cores = Runtime.getRuntime().availableProcessors();
    final var pool = java.util.concurrent.Executors.newFixedThreadPool(cores);
    final io.perpnet.consensus.validation.MessageValidator rules =
        new io.perpnet.consensus.validation.MessageValidator(Fixtures.context());
    final List<byte[]> wires = intents.stream().map(Signed::toWire).toList();
    final long stageStart = System.nanoTime();
    final List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
    for (int c = 0; c < cores; c++) {
      final int part = c;
      parts.add(pool.submit(() -> {
        for (int i = part; i < wires.size(); i += cores) {
          if (!(rules.validate(wires.get(i), Fixtures.NOW) instanceof io.perpnet.consensus.validation.Verdict.Accepted)) {
            throw new IllegalStateException("intent " + i + " refused");
          }
        }
        return null;
      }));
    }
    for (final var f : parts) {
      f.get();
    }
    final double stage = messages / ((System.nanoTime() - stageStart) / 1e9);
    pool.shutdown();
    final Path dir = Files.createTempDirectory("rfq-bench-validate");
    try (Store store = Store.open(dir); LibP2pNetwork node = network(Fixtures.MAKER);
        LibP2pNetwork sender = network(Fixtures.OUTSIDER)) {
      final RfqService rfq = rfq(Fixtures.MAKER, Role.TRADER, store, node, new AgentLimits(50, 1, 1),
          () -> Fixtures.NOW); // the fixture intents' time
      rfq.start();
      sender.host().dial(node.listenAddresses().getFirst()).get(5, TimeUnit.SECONDS);
      final String topic = Topics.topic(Fixtures.PROGRAM, Fixtures.BTC.id(), io.perpnet.consensus.message.MessageType.INTENT);
      sender.gossip().subscribe(topic, io.perpnet.p2p.pubsub.TopicValidator.ACCEPT_ALL, m -> {});
      node.gossip().awaitMesh(topic, Set.of(sender.peerId())).get(20, TimeUnit.SECONDS);
      final List<byte[]> data = intents.stream().map(s -> new Envelope(s.toWire(), List.of()).encode()).toList();
      // at most 512 not yet validated, below the router's 1,024 waiting per peer (beyond, it throttles)
      final long start = System.nanoTime();
      int sent = 0;
      while (validatedSoFar(rfq) < messages) {
        while (sent < messages && sent - validatedSoFar(rfq) < 512) {
          sender.publish(topic, data.get(sent++));
        }
        java.util.concurrent.locks.LockSupport.parkNanos(200_000); // pacing the publisher, not a wait for an event
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
          throw new IllegalStateException("only " + rfq.gossip().counters().accepted() + " validated in 60 s; refused "
              + rfq.gossip().counters().refused());
        }
      }
      final double validated = messages / ((System.nanoTime() - start) / 1e9);
      System.out.printf(Locale.ROOT, "one thread's raw Ed25519 verification: %.0f per second (%d intents)%n"
          + "  the validation stage alone, %d threads: %.0f per second, %.2fx%n"
          + "  through gossip (a sender in the same process, on the same cores): %.0f per second, %.2fx%n",
          raw, messages, cores, stage, stage / raw, validated, validated / raw);
      rfq.stop();
    }
  }

  private static long validatedSoFar(final RfqService rfq) {
    return rfq.gossip().counters().acceptedCount(io.perpnet.consensus.message.MessageType.INTENT);
  }

  private static double ms(final long nanos) {
    return nanos / 1e6;
  }

  private static LibP2pNetwork network(final Ed25519KeyPair key) throws Exception {
    return P2pNetwork.start(P2pNetwork.Config.builder(key).listen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")))
        .targetPeers(0).score(ScoreParams.defaults().withIpWhitelist(Set.of("127.0.0.1"))).build());
  }

  private static RfqService rfq(final Ed25519KeyPair key, final Role role, final Store store, final P2pNetwork net,
      final AgentLimits limits, final java.util.function.LongSupplier clock) {
    return new RfqService(new RfqService.Wiring(key, Fixtures.PROGRAM, Map.of(Fixtures.BTC.id(), Fixtures.BTC), () -> limits,
        Set.of(role), store, net, () -> 1_000_000_000_000_000L, market -> OptionalLong.of(Fixtures.PRICE),
        new SpreadStrategy(10, Fixtures.SIZE * 1000, 100, 20, 30_000), clock,
        () -> System.currentTimeMillis() * 1000, q -> {}, m -> {}, io.perpnet.node.rfq.CommitGate.OPEN));
  }
}
