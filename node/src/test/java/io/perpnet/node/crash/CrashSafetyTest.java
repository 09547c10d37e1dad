package io.perpnet.node.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few dozen SIGKILLs of real node processes trading on the devnet validator, in the middle of the
 * RFQ flow and of submissions: nothing a crash may break is broken.
 */
class CrashSafetyTest {
  @Test
  void killedAndRestartedNodesNeverOverCommitNorReuseANonce(@TempDir final Path dir) throws Exception {
    final long seed = Long.getLong("crash.seed", 20261201L);
    final int cycles = Integer.getInteger("crash.cycles", 24);
    final CrashHarness.Result r = new CrashHarness(dir, seed).run(cycles);
    assertEquals(List.of(), r.violations(), "seed " + seed);
    assertEquals(cycles, r.kills());
    assertTrue(r.matchesAtTrader() >= cycles, r.matchesAtTrader() + " matches in " + cycles + " cycles");
    assertTrue(r.opened() >= r.matchesAtTrader(), r.opened() + " reservations open on chain, for "
        + r.matchesAtTrader() + " matches at the trader (each reserved at both nodes)");
  }
}
