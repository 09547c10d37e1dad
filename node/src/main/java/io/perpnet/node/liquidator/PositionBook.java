package io.perpnet.node.liquidator;

import io.perpnet.escrow.client.EscrowAccounts;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open position of the program, by market and address, as the chain last showed it: filled
 * by getProgramAccounts, kept by the program subscription, replaced whole after a reconnection. A
 * closed position leaves the book. Thread-safe for one writer (the watch's thread) and readers.
 */
public final class PositionBook {
  /** A position and its account's address. */
  public record Entry(byte[] address, EscrowAccounts.Position position) {}

  private final Map<Integer, Map<String, Entry>> byMarket = new ConcurrentHashMap<>();

  /** A position account changed (or appeared): kept if open, dropped if closed. */
  public void changed(final byte[] address, final EscrowAccounts.Position p) {
    final String key = io.perpnet.consensus.identity.Base58.encode(address);
    if (p.closed()) {
      final Map<String, Entry> m = byMarket.get(p.market());
      if (m != null) {
        m.remove(key);
      }
      return;
    }
    byMarket.computeIfAbsent(p.market(), k -> new ConcurrentHashMap<>()).put(key, new Entry(address.clone(), p));
  }

  /** The whole book from a fresh read; what is not in it is gone. */
  public void replace(final List<Entry> all) {
    final Map<Integer, Map<String, Entry>> fresh = new HashMap<>();
    for (final Entry e : all) {
      if (!e.position().closed()) {
        fresh.computeIfAbsent(e.position().market(), k -> new ConcurrentHashMap<>())
            .put(io.perpnet.consensus.identity.Base58.encode(e.address()), e);
      }
    }
    byMarket.keySet().retainAll(fresh.keySet());
    byMarket.putAll(fresh);
  }

  public Collection<Entry> market(final int market) {
    final Map<String, Entry> m = byMarket.get(market);
    return m == null ? List.of() : m.values();
  }

  public int size() {
    return byMarket.values().stream().mapToInt(Map::size).sum();
  }
}
