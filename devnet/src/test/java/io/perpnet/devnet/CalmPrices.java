package io.perpnet.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Oracles replaying ten minutes of flat prices, one reading a second (a reading is as old as its
 * time in the recording): nothing moves, so nothing is liquidated under a test.
 */
final class CalmPrices {
  private CalmPrices() {}

  static UpOptions options(final Path dir, final int nodes) throws IOException {
    final Path flat = dir.resolveSibling(dir.getFileName() + "-flat.csv");
    final StringBuilder csv = new StringBuilder("# timestampMs,symbol,price\n");
    for (long t = 0; t <= 600_000; t += 1_000) {
      csv.append(t).append(",BTC-PERP,70000\n").append(t).append(",ETH-PERP,3500\n").append(t).append(",SOL-PERP,150\n");
    }
    Files.writeString(flat, csv);
    return new UpOptions(nodes, 7, 0, "replay:" + flat);
  }
}
