package io.perpnet.node.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.node.Node;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.commit.ReservationReaper;
import io.perpnet.node.matches.Attempt;
import io.perpnet.node.matches.MatchBook;
import io.perpnet.node.matches.MatchState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A match whose position cannot open (its market is paused): both nodes retry until the terms
 * expire, record the expiry, and release their reservations once the chain shows no position;
 * the match is failed, with every transaction tried and the program's reason.
 */
class ExpiryOnChainTest {
  @TempDir
  Path dir;

  @Test
  void aMatchThatNeverOpensExpiresAndItsReservationsAreReleased() throws Exception {
    try (ChainScene s = new ChainScene(dir, Optional.empty())) {
      s.world.client.setPaused(s.world.admin, 1, true);
      final List<CompletableFuture<Void>> released = new java.util.ArrayList<>();
      for (final Node n : List.of(s.trader, s.maker)) {
        final CompletableFuture<Void> f = new CompletableFuture<>();
        n.store().addListener(e -> {
          if (e.kind().equals("reservation.released")) {
            f.complete(null);
          }
        });
        released.add(f);
      }
      final var match = s.buy(1_000_000L, 2_000);
      final long expiry = match.payload().header().expiryMs();
      final var outcome = assertInstanceOf(Submitter.Outcome.Expired.class,
          s.trader.submission(match.hash()).get(60, TimeUnit.SECONDS));
      assertTrue(outcome.lastError().startsWith("PAUSED (escrow error 16)"), outcome.lastError());
      assertInstanceOf(Submitter.Outcome.Expired.class, s.maker.submission(match.hash()).get(60, TimeUnit.SECONDS));
      for (final CompletableFuture<Void> f : released) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertTrue(System.currentTimeMillis() >= expiry + ReservationReaper.GRACE_MS, "not before the grace ran out");
      for (final Node n : List.of(s.trader, s.maker)) {
        assertTrue(n.reservations().find(match.hash()).isEmpty());
        assertTrue(n.positions().isEmpty());
      }
      assertTrue(s.world.client.position(match).isEmpty(), "no position on chain");
      for (final Node n : List.of(s.trader, s.maker)) { // refused by the program: failed, each signature tried named
        final MatchBook.Entry e = n.matches().find(match.hash()).orElseThrow();
        assertEquals(MatchState.FAILED, e.state());
        assertFalse(e.attempts().isEmpty());
        for (final Attempt a : e.attempts()) {
          assertEquals(Attempt.Kind.OPEN_REFUSED, a.kind());
          assertTrue(a.detail().startsWith("PAUSED (escrow error 16)"), a.detail());
          assertTrue(s.world.validator.rpc.landed(a.signature().orElseThrow()).isEmpty(), "refused in preflight");
        }
      }
      assertEquals(0, s.trader.balance().orElseThrow().openPositions());
    }
  }
}
