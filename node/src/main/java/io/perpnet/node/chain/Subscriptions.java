package io.perpnet.node.chain;

import io.perpnet.escrow.rpc.SolanaPubsub;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PubSub session that stays up: connects, lets its {@link Plan} subscribe, and once every
 * subscription is acknowledged lets it reconcile (read by RPC what the subscriptions may have
 * missed while disconnected). A connection that fails, closes or stops answering pings is
 * replaced with backoff ({@value #FIRST_BACKOFF_MS} ms doubling to {@value #MAX_BACKOFF_MS} ms),
 * and the plan runs again. Everything runs on the owner's single thread, in order.
 */
public final class Subscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final long FIRST_BACKOFF_MS = 250;
  static final long MAX_BACKOFF_MS = 5_000;
  /** Liveness: a connection that answers no ping within this is treated as lost. */
  static final Duration PING_EVERY = Duration.ofSeconds(15);

  /** What to do on each new connection, on the owner's thread. */
  public interface Plan {
    /** Subscribes on {@code p}; each future completes when its subscription is acknowledged. */
    List<CompletableFuture<Long>> subscribe(SolanaPubsub p);

    /** Reads the state the subscriptions may have missed; returns a count for {@link #subscribed()}; throws to retry. */
    int reconcile() throws Exception;

    static Plan of(final java.util.function.Function<SolanaPubsub, List<CompletableFuture<Long>>> subscribe,
        final java.util.concurrent.Callable<Integer> reconcile) {
      return new Plan() {
        @Override
        public List<CompletableFuture<Long>> subscribe(final SolanaPubsub p) {
          return subscribe.apply(p);
        }

        @Override
        public int reconcile() throws Exception {
          return reconcile.call();
        }
      };
    }
  }

  private final String name;
  private final URI wsUrl;
  private final Plan plan;
  private final ScheduledExecutorService thread;
  private SolanaPubsub pubsub;
  private long backoffMs = FIRST_BACKOFF_MS;
  private volatile CompletableFuture<Integer> subscribed = new CompletableFuture<>();
  private volatile CompletableFuture<String> lost = new CompletableFuture<>();
  private volatile boolean stopping;

  public Subscriptions(final String name, final URI wsUrl, final Plan plan, final ScheduledExecutorService thread) {
    this.name = name;
    this.wsUrl = wsUrl;
    this.plan = plan;
    this.thread = thread;
  }

  public void start() {
    thread.execute(this::connect);
    thread.scheduleWithFixedDelay(this::ping, PING_EVERY.toMillis(), PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Completes once subscribed and reconciled, with the plan's count; after a loss, at the next such moment. */
  public CompletableFuture<Integer> subscribed() {
    return subscribed;
  }

  private void connect() {
    if (stopping) {
      return;
    }
    SolanaPubsub.connect(wsUrl, CONNECT_TIMEOUT, reason -> thread.execute(() -> lost(reason)))
        .whenComplete((p, e) -> thread.execute(() -> {
          if (e != null) {
            retry("cannot connect: " + e.getMessage());
          } else {
            subscribe(p);
          }
        }));
  }

  private void subscribe(final SolanaPubsub p) {
    if (stopping) {
      p.close();
      return;
    }
    pubsub = p;
    CompletableFuture.allOf(plan.subscribe(p).toArray(CompletableFuture[]::new)).whenComplete((v, e) -> thread.execute(() -> {
      if (e != null) {
        p.close();
        retry("cannot subscribe: " + e.getMessage());
      } else {
        reconcile(p);
      }
    }));
  }

  private void reconcile(final SolanaPubsub p) {
    if (p != pubsub) {
      return; // lost meanwhile
    }
    final int count;
    try {
      count = plan.reconcile();
    } catch (Exception e) {
      p.close();
      pubsub = null;
      retry("cannot reconcile: " + e.getMessage());
      return;
    }
    backoffMs = FIRST_BACKOFF_MS;
    subscribed.complete(count);
  }

  private void ping() {
    final SolanaPubsub p = pubsub;
    if (p != null) {
      p.ping(PING_EVERY);
    }
  }

  /** Completes, with the reason, when the connection up now (or the next one) is lost. */
  public CompletableFuture<String> lost() {
    return lost;
  }

  private void lost(final String reason) {
    pubsub = null;
    if (subscribed.isDone()) {
      subscribed = new CompletableFuture<>();
    }
    final CompletableFuture<String> was = lost;
    lost = new CompletableFuture<>();
    was.complete(reason); // after subscribed() is renewed: a waiter on this sees the loss fully noticed
    retry("lost the connection: " + reason);
  }

  private void retry(final String why) {
    if (stopping) {
      return;
    }
    LOG.warn("{} subscriptions at {}: {}; reconnecting in {} ms", name, wsUrl, why, backoffMs);
    thread.schedule(this::connect, backoffMs, TimeUnit.MILLISECONDS);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }

  /** Closes the connection; call on the owner's thread (or after it stopped). */
  public void close() {
    stopping = true;
    if (pubsub != null) {
      pubsub.close();
      pubsub = null;
    }
  }

  /** Closes {@code s} (if started) on {@code thread}, then stops the thread: an owner's stop(). */
  public static void closeOn(final ScheduledExecutorService thread, final Subscriptions s) {
    try {
      thread.submit(() -> {
        if (s != null) {
          s.close();
        }
      }).get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      LOG.warn("subscriptions not closed cleanly: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.shutdownNow();
    }
  }
}
