package io.perpnet.node.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.node.store.Replay;
import io.perpnet.node.store.Store;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReservationReaperTest {
  @TempDir
  Path dir;

  private static Reservation r(final int i, final long expiry) {
    return new Reservation(Bytes32.sha256(new byte[] {(byte) i}), Role.TRADER, Bytes32.sha256(new byte[] {9}), 10, 100,
        1000, expiry);
  }

  @Test
  void anExpiredReservationIsReleasedOnlyAfterTheGraceAndOnlyWhenTheChainHasNoPosition() throws Exception {
    final AtomicLong now = new AtomicLong(1_000);
    try (Store s = Store.open(dir)) {
      final StoredReservations book = new StoredReservations(s);
      book.add(r(1, 2_000));
      book.add(r(2, 2_000));
      book.add(r(3, 5_000));
      book.markOpened(r(2, 2_000).matchId());
      book.add(r(4, 2_000));
      book.add(r(5, 2_000));
      final Set<Bytes32> onChain = Set.of(r(4, 2_000).matchId()); // opened, the node crashed before marking it
      final AtomicBoolean chainDown = new AtomicBoolean();
      final ReservationReaper reaper = new ReservationReaper(book, now::get, id -> {
        if (chainDown.get() && id.equals(r(5, 2_000).matchId())) {
          throw new java.io.IOException("connection refused");
        }
        return onChain.contains(id);
      });
      reaper.run();
      assertEquals(5, book.openCount(), "nothing expired yet");
      now.set(2_000 + ReservationReaper.GRACE_MS - 1);
      reaper.run();
      assertEquals(5, book.openCount(), "expired, but within the grace a lagging cluster clock gets");
      now.set(2_000 + ReservationReaper.GRACE_MS);
      chainDown.set(true);
      reaper.run();
      assertTrue(book.find(r(1, 2_000).matchId()).isEmpty(), "expired without a position: released");
      assertTrue(book.find(r(2, 2_000).matchId()).isPresent(), "opened on chain: kept");
      assertTrue(book.find(r(3, 5_000).matchId()).isPresent());
      assertTrue(book.find(r(4, 2_000).matchId()).isPresent(), "open on chain, unmarked: kept");
      assertTrue(book.find(r(5, 2_000).matchId()).isPresent(), "the chain cannot tell: kept");
      chainDown.set(false);
      reaper.run();
      assertTrue(book.find(r(5, 2_000).matchId()).isEmpty(), "released once the chain says there is no position");
      assertEquals(30, book.reservedSize(Bytes32.sha256(new byte[] {9})), "the released sizes are free again");
      assertTrue(Replay.run(s).healthy());
    }
  }
}
