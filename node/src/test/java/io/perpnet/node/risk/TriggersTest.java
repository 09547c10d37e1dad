package io.perpnet.node.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.Side;
import io.perpnet.node.chain.OpenPosition;
import io.perpnet.node.store.Replay;
import io.perpnet.node.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop-loss and take-profit: which way each fires, that it survives a restart, and the watch's closes. */
class TriggersTest {
  @TempDir
  Path dir;
  private static final Bytes32 MATCH = Bytes32.sha256(new byte[] {1});

  private static Triggers.Trigger t(final Triggers.Kind kind, final long price) {
    return new Triggers.Trigger(MATCH, kind, price);
  }

  @Test
  void aStopFiresAgainstUsAndATakeProfitInOurFavour() {
    assertTrue(Triggers.crossed(t(Triggers.Kind.STOP_LOSS, 100), true, 100));
    assertTrue(Triggers.crossed(t(Triggers.Kind.STOP_LOSS, 100), true, 99));
    assertFalse(Triggers.crossed(t(Triggers.Kind.STOP_LOSS, 100), true, 101));
    assertTrue(Triggers.crossed(t(Triggers.Kind.STOP_LOSS, 100), false, 101), "a short's stop is above");
    assertFalse(Triggers.crossed(t(Triggers.Kind.STOP_LOSS, 100), false, 99));
    assertTrue(Triggers.crossed(t(Triggers.Kind.TAKE_PROFIT, 100), true, 101));
    assertFalse(Triggers.crossed(t(Triggers.Kind.TAKE_PROFIT, 100), true, 99));
    assertTrue(Triggers.crossed(t(Triggers.Kind.TAKE_PROFIT, 100), false, 99));
  }

  @Test
  void theWatchClosesOnceWhenCrossedRetriesAFailedCloseAndForgetsClosedPositions() throws Exception {
    final OpenPosition p = new OpenPosition(MATCH, 1, Side.LONG, false, io.perpnet.consensus.testing.Fixtures.MAKER
        .publicKey(), 100, 67_000, 10, 0, 1, null);
    final List<OpenPosition> open = new ArrayList<>(List.of(p));
    final AtomicLong price = new AtomicLong(67_000);
    final List<CompletableFuture<Void>> closes = new ArrayList<>();
    try (Store s = Store.open(dir)) {
      final Triggers triggers = new Triggers(s);
      triggers.set(MATCH, Triggers.Kind.STOP_LOSS, 66_000);
      triggers.set(MATCH, Triggers.Kind.TAKE_PROFIT, 70_000);
      final TriggerWatch watch = new TriggerWatch(triggers, new TriggerWatch.Positions() {
        @Override
        public List<OpenPosition> open() {
          return List.copyOf(open);
        }

        @Override
        public CompletableFuture<?> closeAtMark(final OpenPosition q) {
          final CompletableFuture<Void> f = new CompletableFuture<>();
          closes.add(f);
          return f;
        }
      }, m -> OptionalLong.of(price.get()));
      watch.run();
      assertEquals(0, closes.size(), "not crossed");
      price.set(65_999);
      watch.run();
      watch.run();
      assertEquals(1, closes.size(), "one close at a time");
      closes.getFirst().completeExceptionally(new IllegalStateException("STALE_ORACLE"));
      watch.run();
      assertEquals(2, closes.size(), "a failed close is tried again, its triggers kept");
      assertEquals(2, triggers.of(MATCH).size());
      closes.get(1).complete(null);
      assertTrue(triggers.of(MATCH).isEmpty(), "closed: both triggers gone");
      triggers.set(MATCH, Triggers.Kind.STOP_LOSS, 1);
      open.clear();
      watch.run();
      assertTrue(triggers.all().isEmpty(), "the position closed by other means: its trigger dropped");
      assertTrue(Replay.run(s).healthy());
    }
  }

  @Test
  void triggersSurviveARestart() throws Exception {
    try (Store s = Store.open(dir)) {
      new Triggers(s).set(MATCH, Triggers.Kind.TAKE_PROFIT, 71_500_000_000L);
    }
    try (Store s = Store.open(dir)) {
      assertEquals(List.of(t(Triggers.Kind.TAKE_PROFIT, 71_500_000_000L)), new Triggers(s).all());
    }
  }
}
