package io.perpnet.node.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's intents across a restart: the clientId still answers the first intent, the reason is kept. */
class IntentStoreTest {
  @TempDir
  Path dir;

  private static void put(final Store store, final Column column, final byte[] key, final byte[] value)
      throws Exception {
    store.append("test", new byte[0], List.of(new Event.Change(column, key, value)), Store.Durability.SYNCED);
  }

  private static Signed<Intent> intent(final long nonce) {
    final Intent i = Fixtures.intent().payload();
    return Signed.sign(new Intent(Fixtures.header(Fixtures.NOW + 5_000, nonce), i.trader(), i.size(), i.limitPrice(),
        i.minFill(), i.maxFundingPpm(), i.leverage(), i.side()), Fixtures.TRADER);
  }

  @Test
  void aRestartKeepsClientIdsReasonsAndFills() throws Exception {
    final Fixtures.Flow flow = Fixtures.flow();
    final Signed<Intent> intent = flow.intent();
    final var match = flow.match(); // half the intent's size
    try (Store store = Store.open(dir)) {
      put(store, Column.INTENTS, intent.hash().bytes(), intent.toWire());
      put(store, Column.MATCHES, match.hash().bytes(), match.toWire());
      final IntentStore book = new IntentStore(store);
      book.add(new IntentStore.Entry(intent, "retry-me", "momentum: é", 1_234, new CompletableFuture<>()));
    }
    try (Store store = Store.open(dir)) {
      final IntentStore back = IntentStore.load(store);
      final IntentStore.Entry e = back.byClientId("retry-me").orElseThrow();
      assertEquals(intent.hash(), e.intent().hash());
      assertEquals("momentum: é", e.reason());
      assertEquals(1_234, e.placedMs());
      assertEquals(match.hash(), ((io.perpnet.node.rfq.TraderDesk.Outcome.Matched) e.fills().join().getFirst())
          .match().hash(), "its fills: the countersigned matches of the intent");
      assertEquals("partial", e.status(id -> false));
      assertEquals(1, back.all().size());
    }
  }

  @Test
  void theLayoutIsTheDocumentedOne() {
    final var e = new IntentStore.Entry(Fixtures.intent(), null, "ab", 0x0102030405060708L, new CompletableFuture<>());
    assertEquals("0102030405060708" + "0000" + "0002" + "6162", HexFormat.of().formatHex(IntentStore.encode(e)));
  }

  @Test
  void entriesForgottenBeyondTheBoundLeaveTheColumnToo() throws Exception {
    try (Store store = Store.open(dir)) {
      final IntentStore book = new IntentStore(store);
      for (int i = 0; i <= IntentStore.MAX; i++) {
        final Signed<Intent> intent = intent(i + 1);
        book.add(new IntentStore.Entry(intent, null, null, i, CompletableFuture.completedFuture(List.of())));
      }
      final int[] kept = {0};
      store.forEach(Column.API_INTENTS, (k, v) -> kept[0]++);
      assertEquals(IntentStore.MAX, kept[0]);
      assertTrue(book.get(intent(1).hash()).isEmpty(), "the oldest is forgotten");
      assertNull(book.byClientId("none").orElse(null));
    }
  }
}
