package io.perpnet.escrow.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} transaction signatures a client sent, oldest forgotten first; thread-safe. */
final class RecentSignatures {
  private final Map<String, Boolean> signatures;

  RecentSignatures(final int capacity) {
    this.signatures = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Remembers {@code signature}; false when it was already remembered. */
  synchronized boolean add(final String signature) {
    return signatures.putIfAbsent(signature, Boolean.TRUE) == null;
  }
}
