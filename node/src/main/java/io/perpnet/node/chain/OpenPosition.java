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

  /** Our open positions as the store mirrors them, in match-id order. */
  public static List<OpenPosition> all(final Store store, final Ed25519PublicKey self) throws StoreException {
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
        match = Signed.decode(stored.get(), MatchTerms.class);
      } catch (RejectedException e) {
        throw new StoreException("match " + Bytes32.wrap(row[0]).toHex() + " unreadable: " + e.getMessage(), e);
      }
      out.add(of(match, ByteBuffer.wrap(row[1]), self));
    }
    return out;
  }

  private static OpenPosition of(final Signed<MatchTerms> match, final ByteBuffer mirror, final Ed25519PublicKey self) {
    final MatchTerms m = match.payload();
    final boolean maker = m.maker().equals(self);
    final Side side = maker ? (m.side() == Side.LONG ? Side.SHORT : Side.LONG) : m.side();
    return new OpenPosition(match.hash(), m.header().market(), side, maker, maker ? m.trader() : m.maker(),
        mirror.getLong(0), mirror.getLong(8), maker ? m.makerMargin() : m.traderMargin(), m.fundingPpm(),
        mirror.getLong(16), match);
  }
}
