package io.perpnet.node.chain;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One of our positions seen open on chain, from our side: the {@code positions} column's mirror
 * joined with the match that opened it.
 *
 * @param side our side: the trader's for a trader, the opposite for the maker
 * @param size base units; {@code entryPrice} 6 decimals; {@code margin} ours, USDC base units
 */
public record OpenPosition(Bytes32 matchId, int market, Side side, boolean weAreMaker, Ed25519PublicKey counterparty,
    long size, long entryPrice, long margin, int fundingPpm, long openedMs, Signed<MatchTerms> match) {

  /**
   * Decoded matches by match id: a match's bytes never change, and decoding one checks both of its
   * keys (a point decompression each, about 30 us), which every read of all our positions (each
   * intent's exposure check, the triggers' 500 ms watch) would otherwise repeat for every position.
   * Cleared when it outgrows {@link #MAX_CACHED}.
   */
  public static final class Matches {
    static final int MAX_CACHED = 100_000;
    private final java.util.concurrent.ConcurrentHashMap<Bytes32, Signed<MatchTerms>> decoded =
        new java.util.concurrent.ConcurrentHashMap<>();

    Signed<MatchTerms> decode(final byte[] matchId, final byte[] wire) throws RejectedException {
      final Bytes32 id = Bytes32.wrap(matchId);
      final Signed<MatchTerms> known = decoded.get(id);
      if (known != null) {
        return known;
      }
      final Signed<MatchTerms> m = Signed.decode(wire, MatchTerms.class);
      if (decoded.size() >= MAX_CACHED) {
        decoded.clear();
      }
      decoded.put(id, m);
      return m;
    }
  }

  /** Our open positions as the store mirrors them, in match-id order. */
  public static List<OpenPosition> all(final Store store, final Ed25519PublicKey self) throws StoreException {
    return all(store, self, new Matches());
  }

  /** As {@link #all(Store, Ed25519PublicKey)}, decoding each match once per {@code matches}. */
  public static List<OpenPosition> all(final Store store, final Ed25519PublicKey self, final Matches matches)
      throws StoreException {
    final List<byte[][]> rows = new ArrayList<>();
    store.forEach(Column.POSITIONS, (k, v) -> rows.add(new byte[][] {k, v}));
    final List<OpenPosition> out = new ArrayList<>();
    for (final byte[][] row : rows) {
      final Optional<byte[]> stored = store.get(Column.MATCHES, row[0]);
      if (stored.isEmpty()) {
        continue; // cannot be: a mirror is written only for a match we hold
      }
      final Signed<MatchTerms> match;
      try {
        match = matches.decode(row[0], stored.get());
      } catch (RejectedException e) {
        throw new StoreException("match " + Bytes32.wrap(row[0]).toHex() + " unreadable: " + e.getMessage(), e);
      }
      out.add(of(match, ByteBuffer.wrap(row[1]), self));
    }
    return out;
  }

  static OpenPosition of(final Signed<MatchTerms> match, final ByteBuffer mirror, final Ed25519PublicKey self) {
    final MatchTerms m = match.payload();
    final boolean maker = m.maker().equals(self);
    final Side side = maker ? (m.side() == Side.LONG ? Side.SHORT : Side.LONG) : m.side();
    return new OpenPosition(match.hash(), m.header().market(), side, maker, maker ? m.trader() : m.maker(),
        mirror.getLong(0), mirror.getLong(8), maker ? m.makerMargin() : m.traderMargin(), m.fundingPpm(),
        mirror.getLong(16), match);
  }
}
