package io.perpnet.p2p.pubsub;

import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Messages waiting for their validator's verdict. Verdicts complete on any thread and are applied
 * on the router's thread (through {@code router}) in the order each peer's messages arrived: a
 * peer's message is never delivered or forwarded before an earlier one of the same peer. A verdict
 * already known when the message arrives, with nothing of that peer waiting, is applied at once.
 *
 * <p>Bounded: at most {@code maxPerPeer} waiting messages per peer and {@code maxTotal} in all;
 * the router drops (as throttled) what arrives beyond, before spending anything on it.
 */
final class ValidationPipeline {
  /** A message under validation and what the router needs to act on the verdict. */
  record Pending(PeerId from, Message raw, PubsubMessage message, PeerId author,
      CompletableFuture<ValidationResult> verdict) {}

  /** Where verdicts go, on the router thread. */
  interface Verdicts {
    void apply(Pending pending, ValidationResult result);
  }

  private final Executor router;
  private final Verdicts verdicts;
  private final int maxPerPeer;
  private final int maxTotal;
  private final Map<PeerId, ArrayDeque<Pending>> waiting = new HashMap<>();
  private int total;

  ValidationPipeline(final Executor router, final Verdicts verdicts, final int maxPerPeer, final int maxTotal) {
    this.router = router;
    this.verdicts = verdicts;
    this.maxPerPeer = maxPerPeer;
    this.maxTotal = maxTotal;
  }

  /** Whether a message from {@code from} may enter. */
  boolean hasRoom(final PeerId from) {
    final ArrayDeque<Pending> q = waiting.get(from);
    return total < maxTotal && (q == null || q.size() < maxPerPeer);
  }

  void submit(final Pending p) {
    ArrayDeque<Pending> q = waiting.get(p.from());
    if (q == null && p.verdict().isDone()) {
      verdicts.apply(p, result(p.verdict()));
      return;
    }
    if (q == null) {
      q = new ArrayDeque<>();
      waiting.put(p.from(), q);
    }
    q.add(p);
    total++;
    p.verdict().whenComplete((v, e) -> router.execute(() -> drain(p.from())));
  }

  private void drain(final PeerId from) {
    final ArrayDeque<Pending> q = waiting.get(from);
    if (q == null) {
      return;
    }
    while (!q.isEmpty() && q.peek().verdict().isDone()) {
      final Pending p = q.poll();
      total--;
      verdicts.apply(p, result(p.verdict()));
    }
    if (q.isEmpty()) {
      waiting.remove(from, q);
    }
  }

  /** Messages waiting for a verdict. */
  int waiting() {
    return total;
  }

  private static ValidationResult result(final CompletableFuture<ValidationResult> f) {
    if (f.isCompletedExceptionally()) {
      return ValidationResult.REJECT;
    }
    final ValidationResult r = f.join();
    return r == null ? ValidationResult.REJECT : r;
  }
}
