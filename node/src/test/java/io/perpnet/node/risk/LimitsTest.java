package io.perpnet.node.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.node.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {
  private static final Limits.Values SETTINGS = new Limits.Values(new AgentLimits(10, 10_000_000_000L, 10),
      1_000_000_000L, 50_000_000_000L);

  @TempDir
  Path dir;

  @Test
  void whatTheAgentSetSurvivesARestartAndWinsOverTheSettings() throws Exception {
    final Limits.Values set = new Limits.Values(new AgentLimits(5, 500_000_000L, 3), 50_000_000L, 5_000_000_000L);
    try (Store s = Store.open(dir)) {
      final Limits l = new Limits(s, SETTINGS);
      assertEquals(SETTINGS, l.current(), "the settings at first start");
      l.set(set);
    }
    try (Store s = Store.open(dir)) {
      assertEquals(set, new Limits(s, SETTINGS).current());
    }
  }

  @Test
  void theRangesAreSeed001s() {
    assertNull(Limits.check(SETTINGS));
    assertEquals("maxLeverage: must be within 1..50",
        Limits.check(new Limits.Values(new AgentLimits(51, 10_000_000_000L, 10), 1_000_000_000L, 50_000_000_000L)));
    assertEquals("maxPositionNotional: must be within 100..1000000 USDC",
        Limits.check(new Limits.Values(new AgentLimits(10, 99_999_999L, 10), 1_000_000_000L, 50_000_000_000L)));
    assertEquals("maxOpenPositions: must be within 1..50",
        Limits.check(new Limits.Values(new AgentLimits(10, 10_000_000_000L, 0), 1_000_000_000L, 50_000_000_000L)));
    assertEquals("maxDailyLoss: must be within 10..100000 USDC",
        Limits.check(new Limits.Values(new AgentLimits(10, 10_000_000_000L, 10), 100_000_000_001L, 50_000_000_000L)));
  }
}
