package io.perpnet.node.bench;

import io.perpnet.node.liquidator.HealthScan;
import io.perpnet.node.liquidator.PositionBook;
import io.perpnet.node.liquidator.RandomPositions;
import java.util.Arrays;
import java.util.List;

/**
 * The liquidator's scan of one market after a price update: {@code --positions} random open
 * positions (seeded; sizes, entries, margins, funding as the program could hold them), scanned
 * at marks from -10% to +10% of their centre, on one thread. Prints p50, p99 and the largest
 * scan time with how many positions each found liquidatable. Goal: under 50 ms for 100,000.
 *
 * <pre>./mvnw -q -pl node -Pbench test-compile exec:exec -Dbench.main=io.perpnet.node.bench.HealthScanBench -Dbench.args="--positions 100000"</pre>
 */
public final class HealthScanBench {
  private HealthScanBench() {}

  public static void main(final String[] args) {
    int positions = 100_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--positions")) {
        positions = Integer.parseInt(args[i + 1]);
      } else {
        throw new IllegalArgumentException("options: --positions N");
      }
    }
    final List<PositionBook.Entry> book = RandomPositions.of(1, positions);
    System.out.printf("health scan of %,d positions, one thread, 200 marks each:%n", positions);
    run(book, "a price update (within 1%)", 10);
    run(book, "a crash or a spike (within 10%)", 100);
  }

  /** Marks spread over +-{@code permille} of the centre. */
  private static void run(final List<PositionBook.Entry> book, final String what, final int permille) {
    final int rounds = 200;
    final long[] nanos = new long[rounds];
    for (int warm = 0; warm < 50; warm++) {
      HealthScan.scan(book, mark(warm, permille), RandomPositions.MARKET, RandomPositions.NOW);
    }
    long found = 0;
    for (int i = 0; i < rounds; i++) {
      final long t0 = System.nanoTime();
      found += HealthScan.scan(book, mark(i, permille), RandomPositions.MARKET, RandomPositions.NOW).size();
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf("  %-32s p50 %6.2f ms, p99 %6.2f ms, max %6.2f ms; %,d liquidatable on average%n", what,
        nanos[rounds / 2] / 1e6, nanos[rounds * 99 / 100] / 1e6, nanos[rounds - 1] / 1e6, found / rounds);
  }

  private static long mark(final int i, final int permille) {
    return RandomPositions.PRICE * (1000 - permille + (i * 7L) % (2 * permille + 1)) / 1000;
  }
}
