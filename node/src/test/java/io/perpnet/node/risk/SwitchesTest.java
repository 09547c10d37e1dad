package io.perpnet.node.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.node.store.Replay;
import io.perpnet.node.store.Store;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill switch and the dead-man switch on a fake clock, across restarts. */
class SwitchesTest {
  @TempDir
  Path dir;
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final AtomicInteger halts = new AtomicInteger();

  @Test
  void theKillSwitchHaltsAndSurvivesARestart() throws Exception {
    try (Store s = Store.open(dir)) {
      final Switches sw = new Switches(s, now::get, halts::incrementAndGet);
      assertTrue(sw.halted().isEmpty());
      sw.setKillSwitch(true);
      sw.setKillSwitch(true);
      assertEquals(1, halts.get(), "the halt runs once per switch-on");
      assertTrue(sw.halted().orElseThrow().startsWith("KILL_SWITCH"));
    }
    try (Store s = Store.open(dir)) {
      final Switches sw = new Switches(s, now::get, halts::incrementAndGet);
      assertTrue(sw.killSwitch(), "still on after a restart");
      sw.setKillSwitch(false);
      assertTrue(sw.halted().isEmpty());
      assertTrue(Replay.run(s).healthy());
    }
    try (Store s = Store.open(dir)) {
      assertFalse(new Switches(s, now::get, halts::incrementAndGet).killSwitch());
    }
  }

  @Test
  void theDeadmanTripsOnceWhenNotRenewedAndARenewalClearsIt() throws Exception {
    try (Store s = Store.open(dir)) {
      final Switches sw = new Switches(s, now::get, halts::incrementAndGet);
      sw.deadman(5_000);
      now.addAndGet(4_999);
      sw.tick();
      assertTrue(sw.halted().isEmpty(), "renewed in time: nothing");
      sw.deadman(5_000); // renewal moves the deadline
      now.addAndGet(4_999);
      sw.tick();
      assertEquals(0, halts.get());
      now.addAndGet(1);
      assertTrue(sw.halted().orElseThrow().startsWith("DEADMAN"), "halted from the deadline on, tick or not");
      sw.tick();
      sw.tick();
      assertEquals(1, halts.get(), "tripped once");
      assertTrue(sw.tripped());
      sw.deadman(5_000);
      assertTrue(sw.halted().isEmpty(), "a renewal clears the trip");
      sw.deadman(0);
      now.addAndGet(1_000_000);
      sw.tick();
      assertTrue(sw.halted().isEmpty(), "disarmed: no deadline");
      sw.deadman(1_000);
    }
    now.addAndGet(2_000); // the node was down past the deadline
    try (Store s = Store.open(dir)) {
      final Switches sw = new Switches(s, now::get, halts::incrementAndGet);
      assertTrue(sw.tripped(), "an agent that did not renew while the node was down finds it tripped");
      assertTrue(sw.halted().isPresent());
      assertTrue(Replay.run(s).healthy());
    }
  }

  @Test
  void aDeadmanArmedToClosePositionsClosesThemWhenItTripsAlsoAfterARestart() throws Exception {
    final AtomicInteger closes = new AtomicInteger();
    try (Store s = Store.open(dir)) {
      final Switches sw = new Switches(s, now::get, halts::incrementAndGet);
      sw.onDeadmanClose(closes::incrementAndGet);
      sw.deadman(5_000, true);
      assertTrue(sw.closesOnTrip());
    }
    try (Store s = Store.open(dir)) {
      final Switches sw = new Switches(s, now::get, halts::incrementAndGet);
      sw.onDeadmanClose(closes::incrementAndGet);
      assertTrue(sw.closesOnTrip(), "kept across a restart");
      now.addAndGet(5_000);
      sw.tick();
      sw.tick();
      assertEquals(1, halts.get());
      assertEquals(1, closes.get(), "positions closed once, with the halt");
      sw.deadman(5_000);
      assertFalse(sw.closesOnTrip(), "a renewal without it does not close");
      now.addAndGet(5_000);
      sw.tick();
      assertEquals(1, closes.get());
    }
  }
}
