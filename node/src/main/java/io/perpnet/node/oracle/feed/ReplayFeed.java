package io.perpnet.node.oracle.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Replays a recorded price file, for tests and for paper trading on real history. The file is
 * text, one observation per line, {@code timestampMs,symbol,price} (unix milliseconds, a market
 * symbol, a decimal price), in time order per symbol; blank lines and lines starting with
 * {@code #} are skipped. The recording's first timestamp is mapped to the moment the feed is
 * created and time runs at the recorded pace; at the end it starts over (so a short file drives
 * a long devnet). A read gives the last observation at or before the mapped time, observed at
 * its mapped time.
 */
public final class ReplayFeed implements PriceFeed {
  private record Series(long[] times, long[] prices) {}

  private final Path file;
  private final Map<String, Series> series;
  private final long first;
  private final long span;
  private final long startedMs;
  private final LongSupplier clock;

  private ReplayFeed(final Path file, final Map<String, Series> series, final long first, final long last,
      final LongSupplier clock) {
    this.file = file;
    this.series = series;
    this.first = first;
    this.span = last - first + 1;
    this.clock = clock;
    this.startedMs = clock.getAsLong();
  }

  /** Reads the whole file; a malformed line is refused with its number. */
  public static ReplayFeed load(final Path file, final LongSupplier clock) throws IOException {
    final Map<String, List<long[]>> rows = new HashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int n = 0;
    for (final String raw : Files.readAllLines(file)) {
      n++;
      final String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      final String[] f = line.split(",");
      try {
        if (f.length != 3) {
          throw new IllegalArgumentException("expected timestampMs,symbol,price");
        }
        final long t = Long.parseLong(f[0].strip());
        final long price = PriceText.parse(f[2].strip(), "price");
        final List<long[]> list = rows.computeIfAbsent(f[1].strip(), s -> new ArrayList<>());
        if (!list.isEmpty() && list.getLast()[0] > t) {
          throw new IllegalArgumentException("goes back in time");
        }
        list.add(new long[] {t, price});
        first = Math.min(first, t);
        last = Math.max(last, t);
      } catch (IllegalArgumentException | FeedException e) {
        throw new IOException(file + " line " + n + ": " + e.getMessage());
      }
    }
    if (rows.isEmpty()) {
      throw new IOException(file + " holds no prices");
    }
    final Map<String, Series> series = new HashMap<>();
    rows.forEach((symbol, list) -> series.put(symbol, new Series(list.stream().mapToLong(r -> r[0]).toArray(),
        list.stream().mapToLong(r -> r[1]).toArray())));
    return new ReplayFeed(file, Map.copyOf(series), first, last, clock);
  }

  @Override
  public SourcePrice read(final String symbol) throws FeedException {
    final Series s = series.get(symbol);
    if (s == null) {
      throw new FeedException(FeedException.Reason.UNKNOWN_SYMBOL, file + " has no prices for " + symbol);
    }
    final long elapsed = Math.max(0, clock.getAsLong() - startedMs);
    final long lap = elapsed / span;
    final long at = first + elapsed % span;
    int i = Arrays.binarySearch(s.times(), at);
    if (i < 0) {
      i = -i - 2; // the last observation before
    }
    while (i >= 0 && i + 1 < s.times().length && s.times()[i + 1] == at) {
      i++; // the last of equal timestamps
    }
    if (i < 0) { // before this symbol's first observation in this lap: the previous lap's last
      i = s.times().length - 1;
      return new SourcePrice(s.prices()[i], startedMs + (lap - 1) * span + (s.times()[i] - first));
    }
    return new SourcePrice(s.prices()[i], startedMs + lap * span + (s.times()[i] - first));
  }

  @Override
  public String describe() {
    return "replay(" + file + ")";
  }
}
