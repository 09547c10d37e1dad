package io.perpnet.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir
  Path dir;

  private static byte[] b(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Event.Change put(final Column c, final String k, final String v) {
    return new Event.Change(c, b(k), b(v));
  }

  @Test
  void eventsAndTheirChangesPersistAndTheSequenceContinuesAfterReopening() throws Exception {
    try (Store s = Store.open(dir)) {
      assertEquals(1, s.nextSequence());
      s.append("intent.published", b("wire"), List.of(put(Column.INTENTS, "i1", "intent 1")), Store.Durability.BUFFERED);
      s.append("reservation.made", b(""), List.of(put(Column.RESERVATIONS, "m1", "5"),
          put(Column.NONCES, "quote/me", "7")), Store.Durability.SYNCED);
      s.append("reservation.released", b(""), List.of(new Event.Change(Column.RESERVATIONS, b("m1"), null)),
          Store.Durability.SYNCED);
    }
    try (Store s = Store.open(dir)) {
      assertEquals(4, s.nextSequence());
      assertArrayEquals(b("intent 1"), s.get(Column.INTENTS, b("i1")).orElseThrow());
      assertTrue(s.get(Column.RESERVATIONS, b("m1")).isEmpty());
      final List<String> kinds = new ArrayList<>();
      s.forEachEvent(2, e -> kinds.add(e.sequence() + " " + e.kind()));
      assertEquals(List.of("2 reservation.made", "3 reservation.released"), kinds);
      final Replay.Report report = Replay.run(s);
      assertTrue(report.healthy(), report.differences().toString());
      assertEquals(3, report.events());
      assertEquals(1, report.entries().get(Column.NONCES));
    }
  }

  @Test
  void aSecondNodeOnTheSameDirectoryIsRefused() throws Exception {
    try (Store s = Store.open(dir)) {
      final StoreException e = assertThrows(StoreException.class, () -> Store.open(dir));
      assertTrue(e.getMessage().contains("in use by another node"), e.getMessage());
    }
    Store.open(dir).close(); // free again once the first closed
  }

  @Test
  void aNewerSchemaIsRefusedWithWhatToDo() throws Exception {
    try (Store s = Store.open(dir)) {
      s.putWithoutEvent(Column.META, Store.SCHEMA_KEY, ByteBuffer.allocate(4).putInt(Store.SCHEMA_VERSION + 1).array());
    }
    final StoreException e = assertThrows(StoreException.class, () -> Store.open(dir));
    assertTrue(e.getMessage().contains("newer node") && e.getMessage().contains("upgrade"), e.getMessage());
  }

  @Test
  void replayReportsStateWrittenOutsideTheEventLog() throws Exception {
    try (Store s = Store.open(dir)) {
      s.append("quote.received", b(""), List.of(put(Column.QUOTES, "q1", "a")), Store.Durability.BUFFERED);
      s.putWithoutEvent(Column.QUOTES, b("q1"), b("b"));
      s.putWithoutEvent(Column.MATCHES, b("m9"), b("stray"));
      final Replay.Report report = Replay.run(s);
      assertFalse(report.healthy());
      assertEquals(2, report.differences().size(), report.differences().toString());
      assertTrue(report.differences().get(0).toString().contains("replayed 61, stored 62"));
      assertTrue(report.differences().get(1).toString().contains("replayed absent"));
    }
  }

  @Test
  void eventsEncodeAsDocumentedAndRefuseDamagedBytes() throws Exception {
    final Event e = new Event(5, "k", b("p"), List.of(put(Column.INTENTS, "key", "v"),
        new Event.Change(Column.NONCES, b("n"), null)));
    final byte[] bytes = e.encode();
    // version, kind, payload, 2 changes: (2, "key", put, "v"), (6, "n", delete)
    assertArrayEquals(new byte[] {1, 0, 1, 'k', 0, 0, 0, 1, 'p', 0, 2, 2, 0, 3, 'k', 'e', 'y', 1, 0, 0, 0, 1, 'v',
        6, 0, 1, 'n', 0}, bytes);
    assertEquals(e, Event.decode(5, bytes));
    for (int cut = 0; cut < bytes.length; cut++) {
      final byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
      assertThrows(StoreException.class, () -> Event.decode(5, truncated), "cut at " + cut);
    }
    final byte[] extra = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertTrue(assertThrows(StoreException.class, () -> Event.decode(5, extra)).getMessage().contains("after its changes"));
    final byte[] unknownColumn = bytes.clone();
    unknownColumn[11] = 99;
    assertThrows(StoreException.class, () -> Event.decode(5, unknownColumn));
    assertThrows(IllegalArgumentException.class, () -> new Event.Change(Column.EVENTS, b("x"), b("y")));
  }
}
