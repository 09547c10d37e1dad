package io.perpnet.sdk.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesWithJitterUpToTheCapAndStartsOverOnceLive() {
    final Backoff b = new Backoff(100, 1_000, new Random(3));
    final long[] bases = {100, 200, 400, 800, 1_000, 1_000};
    for (final long base : bases) {
      final long d = b.nextDelayMs();
      assertTrue(d >= base && d <= base + base / 4, d + " for " + base);
    }
    b.reset();
    final long first = b.nextDelayMs();
    assertTrue(first >= 100 && first <= 125);
    assertEquals(bases.length, bases.length);
  }
}
