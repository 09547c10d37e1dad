package io.perpnet.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionCacheTest {
  private static final Ed25519KeyPair TRADER = Ed25519KeyPair.fromSeed(new byte[32]);
  private static final Ed25519KeyPair MAKER = Ed25519KeyPair.fromSeed(Bytes32.sha256(new byte[] {1}).bytes());

  private static Signed<MatchTerms> match(final long nonce) {
    return Signed.sign(new MatchTerms(new Header(1, Bytes32.wrap(new byte[32]), 1_000, nonce), TRADER.publicKey(),
        MAKER.publicKey(), Bytes32.sha256(new byte[] {2}), Bytes32.sha256(new byte[] {3}), Bytes32.sha256(new byte[] {4}),
        67_000_000_000L, 100_000L, 1_000_000L, 1_000_000L, 0, 10, Side.LONG, 255), TRADER, MAKER);
  }

  private static void open(final Store store, final Signed<MatchTerms> m) throws Exception {
    store.append("position.opened", m.hash().toHex().getBytes(java.nio.charset.StandardCharsets.US_ASCII), List.of(
        new Event.Change(Column.MATCHES, m.hash().bytes(), m.toWire()),
        new Event.Change(Column.POSITIONS, m.hash().bytes(),
            ByteBuffer.allocate(24).putLong(100_000L).putLong(67_000_000_000L).putLong(5L).array())),
        Store.Durability.BUFFERED);
  }

  @Test
  void readsAgainOnlyAfterThePositionsColumnChanged(@TempDir final Path dir) throws Exception {
    try (Store store = Store.open(dir)) {
      final PositionCache cache = new PositionCache();
      assertEquals(List.of(), cache.get(store, TRADER.publicKey()));
      final Signed<MatchTerms> first = match(1);
      open(store, first);
      final List<OpenPosition> one = cache.get(store, TRADER.publicKey());
      assertEquals(1, one.size());
      assertEquals(first.hash(), one.getFirst().matchId());
      store.append("internal", new byte[0], List.of(), Store.Durability.BUFFERED);
      assertSame(one, cache.get(store, TRADER.publicKey()), "an event elsewhere keeps the snapshot");
      open(store, match(2));
      final List<OpenPosition> two = cache.get(store, TRADER.publicKey());
      assertNotSame(one, two);
      assertEquals(2, two.size());
      store.append("position.closed", new byte[0], List.of(new Event.Change(Column.POSITIONS, first.hash().bytes(),
          null)), Store.Durability.BUFFERED);
      assertEquals(1, cache.get(store, TRADER.publicKey()).size(), "a close is seen at once");
    }
  }

  @Test
  void followsOpensUpdatesAndClosesAsAFreshReadOfTheColumnWould(@TempDir final Path dir) throws Exception {
    try (Store store = Store.open(dir)) {
      final PositionCache cache = new PositionCache();
      final java.util.Random random = new java.util.Random(42);
      final List<Signed<MatchTerms>> held = new java.util.ArrayList<>();
      open(store, match(1000));
      held.add(match(1000));
      for (int step = 0; step < 300; step++) {
        final int what = random.nextInt(3);
        if (what == 0 || held.isEmpty()) {
          final Signed<MatchTerms> m = match(step);
          open(store, m);
          held.add(m);
        } else {
          final Signed<MatchTerms> m = held.get(random.nextInt(held.size()));
          if (what == 1) { // the mirror written again: a new size
            store.append("position.changed", new byte[0], List.of(new Event.Change(Column.POSITIONS, m.hash().bytes(),
                ByteBuffer.allocate(24).putLong(random.nextInt(1_000_000)).putLong(67_000_000_000L).putLong(5L)
                    .array())), Store.Durability.BUFFERED);
          } else {
            held.remove(m);
            store.append("position.closed", new byte[0], List.of(new Event.Change(Column.POSITIONS, m.hash().bytes(),
                null)), Store.Durability.BUFFERED);
          }
        }
        if (random.nextInt(4) == 0) { // read now and then: several changes are applied at once
          assertEquals(OpenPosition.all(store, TRADER.publicKey()), cache.get(store, TRADER.publicKey()), "step " + step);
        }
      }
      assertEquals(OpenPosition.all(store, TRADER.publicKey()), cache.get(store, TRADER.publicKey()));
      assertEquals(held.size(), cache.get(store, TRADER.publicKey()).size());
    }
  }
}
