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
 * clientId again answers the first intent, also after a restart), with the agent's reason and how
 * they ended. Bounded: the oldest ended intents are forgotten beyond {@link #MAX}. Each is kept in
 * the {@code api-intents} column (an {@code intent.api} event, written through the WAL without an
 * fsync: it survives the node's crash, not a power cut), big-endian:
 *
 * <pre>
 * offset size field
 *   0     8   placedMs   u64 unix ms
 *   8     2   n          u16 clientId length in bytes (0: none)
 *  10     n   clientId   UTF-8
 *  10+n   2   m          u16 reason length in bytes (0: none)
 *  12+n   m   reason     UTF-8
 * </pre>
 *
 * <p>After a restart an intent's fills are its countersigned matches (the maker's refusals and
 * silences are in {@code GET /v1/matches}).
 */
public final class IntentStore {
  static final int MAX = 10_000;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IntentStore.class);
  private final io.perpnet.node.store.Store store;

  /** @param store where the entries are kept; null keeps them in memory only (tests) */
  public IntentStore(final io.perpnet.node.store.Store store) {
    this.store = store;
  }

  /** The entries {@code store} kept, oldest first, their fills read from its matches. */
  public static IntentStore load(final io.perpnet.node.store.Store store) {
    final IntentStore book = new IntentStore(store);
    final Map<Bytes32, List<TraderDesk.Outcome>> matched = new java.util.HashMap<>();
    store.forEach(io.perpnet.node.store.Column.MATCHES, (k, v) -> {
      try {
        final var m = Signed.decode(v, io.perpnet.consensus.message.MatchTerms.class);
        matched.computeIfAbsent(m.payload().intentHash(), x -> new ArrayList<>()).add(new TraderDesk.Outcome.Matched(m));
      } catch (io.perpnet.consensus.validation.RejectedException e) {
        LOG.warn("unreadable match {}: {}", Bytes32.wrap(k).toHex(), e.getMessage());
      }
    });
    final List<Entry> saved = new ArrayList<>();
    store.forEach(io.perpnet.node.store.Column.API_INTENTS, (k, v) -> {
      try {
        final var intent = store.get(io.perpnet.node.store.Column.INTENTS, k);
        if (intent.isPresent()) {
          final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(v);
          final long placedMs = b.getLong();
          final String clientId = text(b);
          final String reason = text(b);
          saved.add(new Entry(Signed.decode(intent.get(), Intent.class), clientId, reason, placedMs,
              CompletableFuture.completedFuture(matched.getOrDefault(Bytes32.wrap(k), List.of()))));
        }
      } catch (io.perpnet.node.store.StoreException | io.perpnet.consensus.validation.RejectedException
          | RuntimeException e) {
        LOG.warn("unreadable API intent {}: {}", Bytes32.wrap(k).toHex(), e.toString());
      }
    });
    saved.sort(java.util.Comparator.comparingLong(Entry::placedMs));
    saved.forEach(book::index);
    return book;
  }

  private static String text(final java.nio.ByteBuffer b) {
    final byte[] t = new byte[Short.toUnsignedInt(b.getShort())];
    b.get(t);
    return t.length == 0 ? null : new String(t, java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] encode(final Entry e) {
    final byte[] c = e.clientId() == null ? new byte[0] : e.clientId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    final byte[] r = e.reason() == null ? new byte[0] : e.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.nio.ByteBuffer.allocate(12 + c.length + r.length).putLong(e.placedMs()).putShort((short) c.length)
        .put(c).putShort((short) r.length).put(r).array();
  }

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

  /** Keeps {@code e} (in the store too), forgetting the oldest ended entries beyond {@link #MAX}. */
  synchronized void add(final Entry e) {
    final List<Bytes32> forgotten = index(e);
    if (store == null) {
      return;
    }
    final List<io.perpnet.node.store.Event.Change> changes = new ArrayList<>();
    changes.add(new io.perpnet.node.store.Event.Change(io.perpnet.node.store.Column.API_INTENTS,
        e.intent().hash().bytes(), encode(e)));
    forgotten.forEach(id -> changes.add(new io.perpnet.node.store.Event.Change(io.perpnet.node.store.Column.API_INTENTS,
        id.bytes(), null)));
    try {
      store.append("intent.api", e.intent().hash().bytes(), changes, io.perpnet.node.store.Store.Durability.BUFFERED);
    } catch (io.perpnet.node.store.StoreException x) { // the intent is out: answer it, and say what a restart loses
      LOG.warn("intent {}: its clientId and reason are not stored, a restart forgets them: {}",
          e.intent().hash().toHex(), x.getMessage());
    }
  }

  private List<Bytes32> index(final Entry e) {
    final List<Bytes32> forgotten = new ArrayList<>();
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
      forgotten.add(order.removeFirst());
      if (old != null) {
        byId.remove(old.intent().hash());
        if (old.clientId() != null) {
          byClientId.remove(old.clientId());
        }
      }
    }
    return forgotten;
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
