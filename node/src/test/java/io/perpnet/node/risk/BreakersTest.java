package io.perpnet.node.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.node.store.Store;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.PublicKey;

/** The circuit breakers on synthetic snapshots of our margin account, with a fake clock. */
class BreakersTest {
  private static final long USDC = 1_000_000L;
  private static final long DAY = Breakers.DAY_MS;
  private static final long T0 = 20_000 * DAY + 3_600_000; // 01:00 UTC on some day
  private static final Breakers.Settings SETTINGS = new Breakers.Settings(100 * USDC, 3, 15 * 60_000, 60 * 60_000);

  @TempDir
  Path dir;

  private final AtomicLong clock = new AtomicLong(T0);
  private final AtomicInteger halts = new AtomicInteger();
  private Store store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private Breakers open() throws Exception {
    if (store != null) {
      store.close();
    }
    store = Store.open(dir.resolve("store"));
    return new Breakers(store, clock::get, SETTINGS, halts::incrementAndGet);
  }

  /** Our margin account: free, locked, open positions, lifetime deposits (USDC). */
  private static EscrowAccounts.Margin margin(final long free, final long locked, final long open,
      final long deposited) {
    return new EscrowAccounts.Margin(1, 255, new PublicKey(new byte[32]), free, locked, open, deposited);
  }

  @Test
  void theDailyLossPausesUntilTheNextUtcDayAndSurvivesARestart() throws Exception {
    final Breakers b = open();
    b.marginSeen(margin(1_000 * USDC, 0, 0, 1_000 * USDC));
    b.marginSeen(margin(850 * USDC, 50 * USDC, 1, 1_000 * USDC)); // a position opened, 100 lost (fees, say)
    assertEquals(Optional.empty(), b.halted(), "a loss of exactly the limit is within it");
    b.marginSeen(margin(899 * USDC, 0, 0, 1_000 * USDC)); // closed: 1 USDC more lost today
    assertTrue(b.halted().orElseThrow().startsWith("CIRCUIT_BREAKER: DAILY_LOSS until "), b.halted().toString());
    assertEquals(1, halts.get(), "a trip cancels what is open");
    assertEquals((20_001) * DAY, b.state().pausedUntilMs(), "until the next UTC day");

    clock.set(20_001 * DAY - 1);
    assertTrue(open().halted().isPresent(), "the pause survives a restart");
    clock.set(20_001 * DAY);
    final Breakers next = open();
    assertEquals(Optional.empty(), next.halted(), "a new day");
    next.marginSeen(margin(899 * USDC, 0, 0, 1_000 * USDC));
    assertEquals(0, next.state().dailyLoss(), "the day's loss starts over");
  }

  @Test
  void aSnapshotThatChangesNothingIsNotLoggedAgain() throws Exception {
    final Breakers b = open();
    b.marginSeen(margin(1_000 * USDC, 0, 0, 1_000 * USDC));
    final long after = store.nextSequence();
    b.marginSeen(margin(1_000 * USDC, 0, 0, 1_000 * USDC));
    b.marginSeen(margin(1_000 * USDC, 0, 0, 1_000 * USDC));
    assertEquals(after, store.nextSequence(), "no event for a repeat");
    b.marginSeen(margin(990 * USDC, 10 * USDC, 1, 1_000 * USDC));
    assertEquals(after + 1, store.nextSequence(), "a change is one event");
  }

  @Test
  void depositsAndOurWithdrawalsAreNotLosses() throws Exception {
    final Breakers b = open();
    b.marginSeen(margin(1_000 * USDC, 0, 0, 1_000 * USDC));
    b.marginSeen(margin(6_000 * USDC, 0, 0, 6_000 * USDC)); // deposited 5,000
    b.withdrew(5_500 * USDC); // told before the transaction
    b.marginSeen(margin(500 * USDC, 0, 0, 6_000 * USDC));
    assertEquals(0, b.state().dailyLoss());
    assertEquals(Optional.empty(), b.halted());
  }

  @Test
  void oneCloseLosingMoreThanHalfItsMarginPausesAnHour() throws Exception {
    final Breakers b = open();
    b.marginSeen(margin(900 * USDC, 100 * USDC, 1, 1_000 * USDC));
    b.marginSeen(margin(949 * USDC, 0, 0, 1_000 * USDC)); // released 100, got 49 back: lost 51
    assertTrue(b.halted().orElseThrow().startsWith("CIRCUIT_BREAKER: BIG_LOSS"), b.halted().toString());
    assertEquals(T0 + 3_600_000, b.state().pausedUntilMs());
    clock.set(T0 + 3_600_000);
    assertEquals(Optional.empty(), b.halted());
  }

  @Test
  void threeLosingClosesInARowStartACooldownAndAWinBreaksTheStreak() throws Exception {
    final Breakers b = open();
    final long[] acct = {500 * USDC, 500 * USDC, 5}; // free, locked, open positions; deposited 1,000
    b.marginSeen(margin(acct[0], acct[1], acct[2], 1_000 * USDC));
    final java.util.function.LongBinaryOperator close = (released, result) -> {
      acct[0] += released + result;
      acct[1] -= released;
      acct[2] -= 1;
      b.marginSeen(margin(acct[0], acct[1], acct[2], 1_000 * USDC));
      return 0;
    };
    close.applyAsLong(100 * USDC, -USDC);
    close.applyAsLong(100 * USDC, -USDC);
    close.applyAsLong(100 * USDC, USDC); // a win: the streak is over
    assertEquals(0, b.state().streak());
    close.applyAsLong(100 * USDC, -USDC);
    close.applyAsLong(50 * USDC, -USDC);
    assertEquals(Optional.empty(), b.halted(), "two losses in a row");
    acct[0] -= 10 * USDC; // margin moves to locked for a new position: no close, no result
    acct[1] += 10 * USDC;
    acct[2] += 1;
    b.marginSeen(margin(acct[0], acct[1], acct[2], 1_000 * USDC));
    close.applyAsLong(10 * USDC, -USDC);
    assertTrue(b.halted().orElseThrow().startsWith("CIRCUIT_BREAKER: LOSS_STREAK"), b.halted().toString());
    assertEquals(T0 + 15 * 60_000, b.state().pausedUntilMs());
    assertEquals(1, halts.get());
  }
}
