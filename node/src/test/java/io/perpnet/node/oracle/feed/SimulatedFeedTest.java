package io.perpnet.node.oracle.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedFeedTest {
  private static final long BTC = 70_000_000_000L;
  private final AtomicLong clock = new AtomicLong(1_764_547_200_000L);

  private SimulatedFeed feed(final long seed, final int jumpBps) {
    return new SimulatedFeed(new SimulatedFeed.Params(seed, 1_000, 5, 120, jumpBps, Map.of("BTC-PERP", BTC)),
        clock::get);
  }

  @Test
  void oraclesWithOneSeedReadTheSamePriceAtTheSameTimeAndAnotherSeedDiffers() throws Exception {
    final SimulatedFeed a = feed(7, 200);
    final SimulatedFeed b = feed(7, 200);
    final SimulatedFeed other = feed(8, 200);
    int differ = 0;
    for (int i = 0; i < 100; i++) {
      clock.addAndGet(1_000);
      assertEquals(a.read("BTC-PERP"), b.read("BTC-PERP"));
      differ += a.read("BTC-PERP").price() != other.read("BTC-PERP").price() ? 1 : 0;
    }
    assertTrue(differ > 90, "another seed is another market: " + differ);
  }

  @Test
  void thePriceIsConstantWithinAStepAndObservedAtItsStart() throws Exception {
    final SimulatedFeed f = feed(1, 200);
    clock.set(1_764_547_200_000L);
    final SourcePrice first = f.read("BTC-PERP");
    clock.set(1_764_547_200_999L);
    assertEquals(first, f.read("BTC-PERP"));
    assertEquals(1_764_547_200_000L, first.observedMs());
  }

  @Test
  void itWandersAFewPercentStepByStepAndJumps() throws Exception {
    final SimulatedFeed f = feed(3, 200);
    long min = Long.MAX_VALUE;
    long max = 0;
    long previous = f.read("BTC-PERP").price();
    long largestStep = 0;
    int jumps = 0;
    for (int i = 0; i < 20_000; i++) { // five and a half hours of one-second steps
      clock.addAndGet(1_000);
      final long p = f.read("BTC-PERP").price();
      final long moveBps = Math.abs(p - previous) * 10_000 / previous;
      jumps += moveBps >= 150 ? 1 : 0;
      largestStep = Math.max(largestStep, moveBps);
      min = Math.min(min, p);
      max = Math.max(max, p);
      previous = p;
    }
    assertTrue(jumps >= 20, "jumps of about 2% every few minutes: " + jumps);
    assertTrue(min > BTC * 8 / 10 && max < BTC * 12 / 10, "stays around its centre: " + min + ".." + max);
    assertTrue(max - min > BTC / 50, "but moves: " + min + ".." + max);
    final SimulatedFeed calm = feed(3, 0);
    previous = calm.read("BTC-PERP").price();
    for (int i = 0; i < 2_000; i++) {
      clock.addAndGet(1_000);
      final long p = calm.read("BTC-PERP").price();
      assertTrue(Math.abs(p - previous) * 10_000 / previous < 50, "without jumps no step moves 0.5%");
      previous = p;
    }
  }

  @Test
  void aMarketWithoutAStartPriceIsUnknown() {
    assertEquals(FeedException.Reason.UNKNOWN_SYMBOL,
        assertThrows(FeedException.class, () -> feed(1, 0).read("DOGE-PERP")).reason());
    assertNotEquals(0, SimulatedFeed.Params.defaults(1).startPrices().size());
  }
}
