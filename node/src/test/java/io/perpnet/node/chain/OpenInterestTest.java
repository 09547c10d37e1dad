package io.perpnet.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpnet.escrow.client.EscrowAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;

/** Open interest sums the open positions by market and reads the chain at most every 5 s (fake clock). */
class OpenInterestTest {
  private static final PublicKey K = new PublicKey(new byte[32]);

  private static EscrowAccounts.Position position(final int market, final long size, final boolean closed) {
    return new EscrowAccounts.Position(0, closed, market, new byte[32], K, K, size, 70_000_000_000L, 1, 1, 0, 0, 0, 255);
  }

  @Test
  void sumsOpenPositionsByMarketAndReadsAtMostEveryFiveSeconds() throws Exception {
    final List<EscrowAccounts.Position> chain = new ArrayList<>(List.of(position(1, 100, false),
        position(1, 50, false), position(1, 1_000, true), position(2, 7, false)));
    final AtomicInteger reads = new AtomicInteger();
    final AtomicLong now = new AtomicLong(1_000_000);
    final OpenInterest oi = new OpenInterest(() -> {
      reads.incrementAndGet();
      return List.copyOf(chain);
    }, now::get);
    assertEquals(Map.of(1, 150L, 2, 7L), oi.bySize(), "a closed position is no interest");
    chain.add(position(3, 9, false));
    now.addAndGet(OpenInterest.MAX_AGE_MS - 1);
    assertEquals(Map.of(1, 150L, 2, 7L), oi.bySize(), "within 5 s: the last reading");
    assertEquals(1, reads.get());
    now.addAndGet(1);
    assertEquals(Map.of(1, 150L, 2, 7L, 3, 9L), oi.bySize());
    assertEquals(2, reads.get());
  }
}
