package io.perpnet.node.api.routes;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Signed;
import io.perpnet.node.rfq.TraderDesk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The intents placed through the API: by id and by the agent's {@code clientId} (the same
 * clientId again answers the first intent), with the agent's reason and how they ended. Bounded:
 * the oldest ended intents are forgotten beyond {@link #MAX}. Kept in memory; the intents
 * themselves are in the store.
 */
public final class IntentStore {
  static final int MAX = 10_000;

  /** One placed intent. */
  public record Entry(Signed<Intent> intent, String clientId, String reason, long placedMs,
      CompletableFuture<List<TraderDesk.Outcome>> fills) {
    /** open while quotes are collected and accepted; then filled, partial, unfilled or cancelled. */
    String status(final java.util.function.Predicate<io.perpnet.consensus.codec.Bytes32> cancelled) {
      if (!fills.isDone()) {
        return "open";
      }
      if (cancelled.test(intent.hash())) {
        return "cancelled";
      }
      final long matched = fills.join().stream().mapToLong(o -> o instanceof TraderDesk.Outcome.Matched m
          ? m.match().payload().size() : 0).sum();
      return matched == 0 ? "unfilled" : matched >= intent.payload().size() ? "filled" : "partial";
    }
  }

  private final Map<Bytes32, Entry> byId = new ConcurrentHashMap<>();
  private final Map<String, Bytes32> byClientId = new ConcurrentHashMap<>();
  private final List<Bytes32> order = new ArrayList<>();

  synchronized Optional<Entry> byClientId(final String clientId) {
    final Bytes32 id = byClientId.get(clientId);
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  synchronized void add(final Entry e) {
    byId.put(e.intent().hash(), e);
    if (e.clientId() != null) {
      byClientId.put(e.clientId(), e.intent().hash());
    }
    order.add(e.intent().hash());
    while (order.size() > MAX) {
      final Entry old = byId.get(order.getFirst());
      if (old != null && !old.fills().isDone()) {
        break;
      }
      order.removeFirst();
      if (old != null) {
        byId.remove(old.intent().hash());
        if (old.clientId() != null) {
          byClientId.remove(old.clientId());
        }
      }
    }
  }

  Optional<Entry> get(final Bytes32 id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Newest first. */
  synchronized List<Entry> all() {
    final List<Entry> out = new ArrayList<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      final Entry e = byId.get(order.get(i));
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }
}
