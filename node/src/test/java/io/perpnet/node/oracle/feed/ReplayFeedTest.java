package io.perpnet.node.oracle.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFeedTest {
  private static final Path RECORDING = Path.of("src/test/resources/feeds/btc-replay.csv");
  private static final long START = 5_000_000L;
  private final AtomicLong clock = new AtomicLong(START);

  @TempDir
  Path dir;

  @Test
  void replaysAtTheRecordedPaceFromWhenItStartedAndStartsOverAtTheEnd() throws Exception {
    final ReplayFeed f = ReplayFeed.load(RECORDING, clock::get);
    assertEquals(new SourcePrice(97_000_000_000L, START), f.read("BTC-PERP"));
    clock.set(START + 9_999);
    assertEquals(new SourcePrice(97_000_000_000L, START), f.read("BTC-PERP"), "the last observation at or before");
    clock.set(START + 10_000);
    assertEquals(new SourcePrice(97_100_250_000L, START + 10_000), f.read("BTC-PERP"));
    clock.set(START + 35_000);
    assertEquals(new SourcePrice(3_390_000_000L, START + 30_000), f.read("ETH-PERP"), "each symbol its own series");
    clock.set(START + 59_001 + 5_000); // the recording spans 59,001 ms (first to last, inclusive): a second lap
    assertEquals(new SourcePrice(97_000_000_000L, START + 59_001), f.read("BTC-PERP"));
    assertEquals(FeedException.Reason.UNKNOWN_SYMBOL,
        assertThrows(FeedException.class, () -> f.read("SOL-PERP")).reason());
  }

  @Test
  void aMalformedLineIsRefusedWithItsNumber() throws Exception {
    final Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "# header\n1000,BTC-PERP,97000\n2000,BTC-PERP,-5\n");
    assertEquals(bad + " line 3: MALFORMED: price is not a plain decimal: '-5'",
        assertThrows(java.io.IOException.class, () -> ReplayFeed.load(bad, clock::get)).getMessage());
    Files.writeString(bad, "2000,BTC-PERP,97000\n1000,BTC-PERP,97001\n");
    assertEquals(bad + " line 2: goes back in time",
        assertThrows(java.io.IOException.class, () -> ReplayFeed.load(bad, clock::get)).getMessage());
    Files.writeString(bad, "# nothing\n");
    assertEquals(bad + " holds no prices",
        assertThrows(java.io.IOException.class, () -> ReplayFeed.load(bad, clock::get)).getMessage());
  }
}
