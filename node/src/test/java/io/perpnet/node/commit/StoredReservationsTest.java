package io.perpnet.node.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.InMemoryReservationBook;
import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.node.store.Replay;
import io.perpnet.node.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredReservationsTest {
  @TempDir
  Path dir;

  private static Bytes32 hash(final int i) {
    return Bytes32.sha256(new byte[] {(byte) i, (byte) (i >> 8)});
  }

  private static Reservation reservation(final int match, final int source, final long size, final long expiry) {
    return new Reservation(hash(match), match % 2 == 0 ? Role.TRADER : Role.MAKER, hash(1000 + source), size,
        size * 10, size * 100, expiry);
  }

  /** The same seeded steps on the stored book and consensus's in-memory one: same answers, also after a restart. */
  @Test
  void behavesAsTheInMemoryBookAndSurvivesARestart() throws Exception {
    final InMemoryReservationBook expected = new InMemoryReservationBook();
    final Random random = new Random(11);
    try (Store s = Store.open(dir)) {
      final StoredReservations book = new StoredReservations(s);
      for (int step = 0; step < 400; step++) {
        final int match = random.nextInt(60);
        switch (random.nextInt(3)) {
          case 0 -> {
            final Reservation r = reservation(match, random.nextInt(5), 1 + random.nextInt(1000), step);
            if (expected.find(r.matchId()).isEmpty()) {
              expected.add(r);
              book.add(r);
            }
          }
          case 1 -> {
            expected.markOpened(hash(match));
            book.markOpened(hash(match));
          }
          default -> {
            expected.release(hash(match));
            book.release(hash(match), "test");
          }
        }
        same(expected, book);
      }
    }
    try (Store s = Store.open(dir)) {
      same(expected, new StoredReservations(s));
      assertTrue(Replay.run(s).healthy());
    }
  }

  private static void same(final InMemoryReservationBook expected, final StoredReservations book) {
    assertEquals(expected.openCount(), book.openCount());
    assertEquals(expected.pendingMargin(), book.pendingMargin());
    for (int i = 0; i < 5; i++) {
      assertEquals(expected.reservedSize(hash(1000 + i)), book.reservedSize(hash(1000 + i)));
    }
    for (int m = 0; m < 60; m++) {
      assertEquals(expected.find(hash(m)), book.find(hash(m)));
    }
  }

  @Test
  void aSecondReservationForOneMatchIsRefusedAndExpiredOnesAreListed() throws Exception {
    try (Store s = Store.open(dir)) {
      final StoredReservations book = new StoredReservations(s);
      book.add(reservation(1, 0, 5, 100));
      book.add(reservation(2, 0, 5, 300));
      assertThrows(IllegalStateException.class, () -> book.add(reservation(1, 0, 5, 100)));
      book.markOpened(hash(2));
      assertEquals(List.of(reservation(1, 0, 5, 100)), book.expiredUnopened(200));
      assertEquals(List.of(), book.expiredUnopened(99));
    }
  }
}
