package io.perpnet.node.rfq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.node.store.Store;
import io.perpnet.p2p.testing.InMemoryNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intent, quotes, accept, countersign: a trader and two makers as nodes on the in-memory network. */
class RfqFlowTest {
  private static final AgentLimits LIMITS = new AgentLimits(50, 10_000_000_000L, 10);
  private final InMemoryNetwork.Hub hub = new InMemoryNetwork.Hub();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Signed<Quote>> collected = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<Void> quotesIn = new CompletableFuture<>();
  private volatile int quotesWanted = Integer.MAX_VALUE;

  @TempDir
  Path dir;

  @AfterEach
  void close() throws Exception {
    for (final AutoCloseable c : open.reversed()) {
      c.close();
    }
    hub.close();
  }

  private RfqService node(final Ed25519KeyPair key, final Set<Role> roles, final int spreadBps) throws Exception {
    final Store store = Store.open(dir.resolve(key.publicKey().toAddress()));
    open.add(store);
    final RfqService rfq = new RfqService(new RfqService.Wiring(key, Fixtures.PROGRAM,
        Map.of(Fixtures.BTC.id(), Fixtures.BTC), () -> LIMITS, roles, store, hub.join(key), () -> 1_000_000_000_000L,
        market -> OptionalLong.of(Fixtures.PRICE), new SpreadStrategy(spreadBps, Fixtures.SIZE, 100, 20, 3_000),
        () -> Fixtures.NOW, () -> 1L, q -> {
          collected.add(q);
          if (collected.size() >= quotesWanted) {
            quotesIn.complete(null);
          }
        }, m -> {}, CommitGate.OPEN));
    rfq.start();
    open.add(rfq::stop);
    return rfq;
  }

  private static TraderEngine.IntentRequest buy(final long size, final boolean first) {
    return new TraderEngine.IntentRequest(Fixtures.BTC.id(), Side.LONG, size, Fixtures.PRICE * 2, 0, 1_000, 10, 5_000,
        60_000, first, 10_000);
  }

  @Test
  void theBestQuotesFillTheIntentEachFillItsOwnMatch() throws Exception {
    node(Fixtures.MAKER, Set.of(Role.MAKER), 30);
    node(Fixtures.key(0x44), Set.of(Role.MAKER), 10); // the better price
    final RfqService trader = node(Fixtures.TRADER, Set.of(Role.TRADER), 0);
    quotesWanted = 2;
    final var placed = trader.trader().place(buy(2 * Fixtures.SIZE, false)).get(5, TimeUnit.SECONDS);
    quotesIn.get(5, TimeUnit.SECONDS);
    trader.trader().closeWindow(placed.intent().hash());
    final List<TraderDesk.Outcome> fills = placed.fills().get(5, TimeUnit.SECONDS);
    assertEquals(2, fills.size(), fills.toString());
    final var best = assertInstanceOf(TraderDesk.Outcome.Matched.class, fills.get(0)).match().payload();
    final var next = assertInstanceOf(TraderDesk.Outcome.Matched.class, fills.get(1)).match().payload();
    assertEquals(Fixtures.key(0x44).publicKey(), best.maker(), "the lower price first for a buyer");
    assertTrue(best.price() < next.price());
    assertEquals(2 * Fixtures.SIZE, best.size() + next.size());
  }

  @Test
  void firstAcceptableTakesOneQuoteAndACancelledIntentTakesNone() throws Exception {
    node(Fixtures.MAKER, Set.of(Role.MAKER), 10);
    final RfqService trader = node(Fixtures.TRADER, Set.of(Role.TRADER), 0);
    final var placed = trader.trader().place(buy(Fixtures.SIZE, true)).get(5, TimeUnit.SECONDS);
    final List<TraderDesk.Outcome> fills = placed.fills().get(5, TimeUnit.SECONDS);
    assertEquals(1, fills.size());
    assertInstanceOf(TraderDesk.Outcome.Matched.class, fills.getFirst());
    final var cancelled = trader.trader().place(buy(Fixtures.SIZE, false)).get(5, TimeUnit.SECONDS);
    assertTrue(trader.trader().cancel(cancelled.intent().hash()).get(5, TimeUnit.SECONDS));
    assertEquals(List.of(), cancelled.fills().get(5, TimeUnit.SECONDS));
  }
}
