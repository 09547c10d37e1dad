package io.perpnet.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event feed: stored events, then live ones, with no gap and no duplicate where they meet. */
class EventFeedTest {
  @TempDir
  Path dir;

  private static void append(final Store store, final String kind) throws StoreException {
    store.append(kind, kind.getBytes(StandardCharsets.UTF_8), List.of(), Store.Durability.BUFFERED);
  }

  @Test
  void eventsWrittenWhileTheStoredOnesAreReadComeOnceAndInOrder() throws Exception {
    try (Store store = Store.open(dir)) {
      for (int i = 0; i < 5; i++) {
        append(store, "stored");
      }
      final List<Long> seen = new ArrayList<>();
      final List<String> kinds = new ArrayList<>();
      try (EventFeed feed = store.follow(2, e -> {
        seen.add(e.sequence());
        kinds.add(e.kind());
        if (e.sequence() == 3) { // still reading stored events: these two arrive meanwhile
          try {
            append(store, "during");
            append(store, "during");
          } catch (StoreException x) {
            throw new AssertionError(x);
          }
        }
      })) {
        append(store, "after");
        assertEquals(LongStream.rangeClosed(2, 8).boxed().toList(), seen);
        assertEquals(List.of("stored", "stored", "stored", "stored", "during", "during", "after"), kinds);
      }
      append(store, "closed");
      assertEquals(7, seen.size(), "a closed feed is told nothing");
    }
  }

  @Test
  void fromTheNextSequenceOnlyNewEventsCome() throws Exception {
    try (Store store = Store.open(dir)) {
      append(store, "old");
      final List<String> kinds = new ArrayList<>();
      try (EventFeed feed = store.follow(store.nextSequence(), e -> kinds.add(e.kind()))) {
        append(store, "new");
      }
      assertEquals(List.of("new"), kinds);
    }
  }
}
