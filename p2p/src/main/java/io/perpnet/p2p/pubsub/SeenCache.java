package io.perpnet.p2p.pubsub;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Message ids seen within the TTL, in arrival order so expiry is a walk from the oldest. */
final class SeenCache {
  private final LinkedHashMap<MessageId, Long> seen = new LinkedHashMap<>();
  private final long ttlMillis;

  SeenCache(final long ttlMillis) {
    this.ttlMillis = ttlMillis;
  }

  /** Records the id; false if it was already there. */
  boolean add(final MessageId id, final long now) {
    return seen.putIfAbsent(id, now) == null;
  }

  boolean contains(final MessageId id) {
    return seen.containsKey(id);
  }

  void expire(final long now) {
    final Iterator<Map.Entry<MessageId, Long>> it = seen.entrySet().iterator();
    while (it.hasNext() && it.next().getValue() + ttlMillis < now) {
      it.remove();
    }
  }

  int size() {
    return seen.size();
  }
}
