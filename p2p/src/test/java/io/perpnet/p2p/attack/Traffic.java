package io.perpnet.p2p.attack;

import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.pubsub.PubsubMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Honest load: each publisher sends numbered messages at a fixed pace (load generation, not
 * synchronisation); each receiver counts the distinct messages it got from the other side. A
 * test waits on {@link #awaitDelivered} for the share of messages it requires.
 */
final class Traffic implements AutoCloseable {
  record Publisher(P2pNetwork network, String name) {}

  /** Counts distinct messages whose text starts with {@code from}. */
  static final class Receiver {
    private final String from;
    private final Set<String> got = ConcurrentHashMap.newKeySet();
    private volatile int need = Integer.MAX_VALUE;
    private volatile CompletableFuture<Void> reached = new CompletableFuture<>();

    Receiver(final String from) {
      this.from = from;
    }

    void receive(final PubsubMessage m) {
      final String text = new String(m.data(), 0, Math.min(m.data().length, 32), StandardCharsets.UTF_8).trim();
      if (text.startsWith(from + "-") && got.add(text) && got.size() >= need) {
        reached.complete(null);
      }
    }

    /** Forgets what arrived so far (a new round of traffic counts from zero). */
    void forget() {
      got.clear();
    }

    /** Completes once {@code n} distinct messages arrived (at once if they have). */
    CompletableFuture<Void> atLeast(final int n) {
      reached = new CompletableFuture<>();
      need = n;
      if (got.size() >= n) {
        reached.complete(null);
      }
      return reached;
    }

    int count() {
      return got.size();
    }
  }

  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("honest-traffic").factory());
  private final List<Receiver> receivers;
  private final int total;
  private final long bytesPerSecond;
  private final AtomicInteger sent = new AtomicInteger();
  private final CountDownLatch published = new CountDownLatch(1);
  private final int[] baseline;
  private static final AtomicInteger ROUNDS = new AtomicInteger();

  Traffic(final List<Publisher> publishers, final String topic, final int perPeer, final int size, final Duration every,
      final List<Receiver> receivers) {
    this.receivers = receivers;
    this.total = perPeer * publishers.size();
    this.bytesPerSecond = (long) publishers.size() * size * Duration.ofSeconds(1).toNanos() / every.toNanos();
    receivers.forEach(Receiver::forget); // one traffic at a time per scene: a soak must not keep every text
    this.baseline = receivers.stream().mapToInt(Receiver::count).toArray();
    final int round = ROUNDS.incrementAndGet(); // message texts are unique across rounds of one scene
    final AtomicInteger i = new AtomicInteger();
    pacer.scheduleAtFixedRate(() -> {
      final int n = i.getAndIncrement();
      if (n >= perPeer) {
        published.countDown();
        return;
      }
      for (final Publisher p : publishers) {
        final byte[] data = Arrays.copyOf((p.name() + "-" + round + "-" + n + " ").getBytes(StandardCharsets.UTF_8), size);
        Arrays.fill(data, Math.min(32, size), size, (byte) 'x');
        p.network().publish(topic, data);
        sent.incrementAndGet();
      }
    }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
  }

  boolean published() {
    return published.getCount() == 0;
  }

  /** What the publishers send per second together. */
  long bytesPerSecond() {
    return bytesPerSecond;
  }

  int total() {
    return total;
  }

  /** Messages of this traffic delivered so far. */
  int delivered() {
    int n = 0;
    for (int i = 0; i < receivers.size(); i++) {
      n += receivers.get(i).count() - baseline[i];
    }
    return n;
  }

  /**
   * Waits until every receiver got {@code share} of what was sent to it (each receiver hears one
   * publisher), and returns the share delivered overall; fails with the figures at the timeout.
   */
  double awaitDelivered(final double share, final Duration timeout) throws InterruptedException {
    final int perReceiver = total / receivers.size();
    final int need = (int) Math.ceil(share * perReceiver);
    final long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < receivers.size(); i++) {
      final Receiver r = receivers.get(i);
      try {
        r.atLeast(baseline[i] + need).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw new AssertionError("honest delivery through the node: " + delivered() + " of " + total
            + " (need " + need + " per receiver within " + timeout + ")");
      }
    }
    return (double) delivered() / total;
  }

  @Override
  public void close() {
    pacer.shutdownNow();
  }
}
