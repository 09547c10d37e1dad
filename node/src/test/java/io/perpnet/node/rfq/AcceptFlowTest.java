package io.perpnet.node.rfq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.Rejection;
import io.perpnet.node.commit.NonceAllocator;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.matches.Attempt;
import io.perpnet.node.matches.MatchBook;
import io.perpnet.node.matches.MatchState;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Store;
import io.perpnet.p2p.testing.InMemoryNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trader and makers as nodes on the in-memory network, each with its own store: accept, countersign, commit. */
class AcceptFlowTest {
  private static final AgentLimits LIMITS = new AgentLimits(50, 10_000_000_000L, 10);
  private final List<AutoCloseable> open = new ArrayList<>();
  private final InMemoryNetwork.Hub hub = new InMemoryNetwork.Hub();

  @TempDir
  Path dir;

  @AfterEach
  void close() throws Exception {
    for (final AutoCloseable c : open.reversed()) {
      c.close();
    }
    hub.close();
  }

  private Store store(final String name) throws Exception {
    final Store s = Store.open(dir.resolve(name));
    open.add(s);
    return s;
  }

  private Store maker(final Ed25519KeyPair key) throws Exception {
    return maker(key, 1_000_000_000_000L);
  }

  private Store maker(final Ed25519KeyPair key, final long collateral) throws Exception {
    final Store s = store("maker-" + key.publicKey().toAddress());
    final InMemoryNetwork n = hub.join(key);
    final var executor = Executors.newSingleThreadExecutor();
    open.add(executor::shutdownNow);
    n.serve(AcceptWire.PROTOCOL, new MakerDesk(key, Fixtures.PROGRAM, Map.of(Fixtures.BTC.id(), Fixtures.BTC),
        () -> Fixtures.NOW, new StoredReservations(s), LIMITS, () -> collateral, executor, m -> {}));
    return s;
  }

  private record Trader(TraderDesk desk, Store store, StoredReservations book) {}

  private Trader trader() throws Exception {
    final Store s = store("trader");
    final var executor = Executors.newSingleThreadExecutor();
    open.add(executor::shutdownNow);
    final StoredReservations book = new StoredReservations(s);
    return new Trader(new TraderDesk(Fixtures.TRADER, Map.of(Fixtures.BTC.id(), Fixtures.BTC),
        new NonceAllocator(s, () -> 1L), book, s, LIMITS, () -> 1_000_000_000_000L, hub.join(Fixtures.TRADER),
        () -> Fixtures.NOW, executor, m -> {}), s, book);
  }

  private static Signed<Quote> quote(final Ed25519KeyPair maker, final Signed<Intent> intent) {
    return Signed.sign(new Quote(Fixtures.header(Fixtures.NOW + 3_000, 7), maker.publicKey(), intent.hash(),
        Fixtures.PRICE, 2 * Fixtures.SIZE, 500, 20), maker);
  }

  /** The trader's matches as the API reads them, at {@code nowMs}; no submission, no chain. */
  private static MatchBook book(final Trader t, final long nowMs) {
    return new MatchBook(t.store(), id -> CompletableFuture.failedFuture(new IllegalStateException("none")),
        id -> t.book().find(id).isPresent(), m -> {
          throw new AssertionError("a reserved match needs no chain");
        }, () -> nowMs);
  }

  private static TraderDesk.Outcome.Matched matched(final TraderDesk.Outcome o) {
    return assertInstanceOf(TraderDesk.Outcome.Matched.class, o, o.toString());
  }

  @Test
  void aCountersignedMatchIsHeldByBothSidesWithTheirReservations() throws Exception {
    final Store makerStore = maker(Fixtures.MAKER);
    final Trader t = trader();
    final Signed<Intent> intent = Fixtures.intent();
    final var m = matched(t.desk().accept(intent, quote(Fixtures.MAKER, intent), List.of(), Fixtures.SIZE, 10_000)
        .get(5, TimeUnit.SECONDS)).match();
    assertTrue(m.verify(), "both signatures over the same terms");
    assertArrayEquals(m.toWire(), t.store().get(Column.MATCHES, m.hash().bytes()).orElseThrow());
    assertArrayEquals(m.toWire(), makerStore.get(Column.MATCHES, m.hash().bytes()).orElseThrow());
    assertTrue(t.book().find(m.hash()).isPresent());
    assertTrue(new StoredReservations(makerStore).find(m.hash()).isPresent());
    assertTrue(t.store().get(Column.PROPOSALS, m.hash().bytes()).isEmpty(), "the proposal gives way to the match");
    final MatchBook.Entry e = book(t, Fixtures.NOW).find(m.hash()).orElseThrow();
    assertEquals(MatchState.COUNTERSIGNED, e.state());
    assertEquals(List.of(), e.attempts());
    assertEquals(1, book(t, Fixtures.NOW).all().size());
  }

  @Test
  void aMakerThatRefusesLeavesAFailedProposalWithItsReason() throws Exception {
    maker(Fixtures.MAKER, 0); // no collateral: the maker cannot commit
    final Trader t = trader();
    final Signed<Intent> intent = Fixtures.intent();
    final var refused = assertInstanceOf(TraderDesk.Outcome.Refused.class,
        t.desk().accept(intent, quote(Fixtures.MAKER, intent), List.of(), Fixtures.SIZE, 10_000).get(5, TimeUnit.SECONDS));
    final MatchBook.Entry e = book(t, Fixtures.NOW).all().getFirst();
    assertEquals(MatchState.FAILED, e.state());
    assertEquals(Fixtures.MAKER.publicKey(), e.match().payload().maker());
    final Attempt a = e.attempts().getFirst();
    assertEquals(Attempt.Kind.ACCEPT_REFUSED, a.kind());
    assertTrue(a.detail().startsWith(refused.reason().name() + ": "), a.detail());
    assertTrue(a.signature().isEmpty(), "no transaction was signed");
  }

  @Test
  void anIntentFilledByTwoMakersAndAQuoteInPartNeverBeyondTheIntentsSize() throws Exception {
    final Ed25519KeyPair second = Fixtures.key(0x44);
    maker(Fixtures.MAKER);
    maker(second);
    final Trader t = trader();
    final Signed<Intent> intent = Fixtures.intent(); // 2 x SIZE
    final var q1 = quote(Fixtures.MAKER, intent);
    final var q2 = quote(second, intent);
    matched(t.desk().accept(intent, q1, List.of(), Fixtures.SIZE, 10_000).get(5, TimeUnit.SECONDS));
    matched(t.desk().accept(intent, q2, List.of(), Fixtures.SIZE / 2, 10_000).get(5, TimeUnit.SECONDS));
    matched(t.desk().accept(intent, q1, List.of(), Fixtures.SIZE / 2, 10_000).get(5, TimeUnit.SECONDS));
    final var beyond = assertInstanceOf(TraderDesk.Outcome.Refused.class,
        t.desk().accept(intent, q2, List.of(), Fixtures.SIZE / 2, 10_000).get(5, TimeUnit.SECONDS));
    assertEquals(Rejection.EXCEEDS_INTENT_SIZE, beyond.reason(), "refused by ourselves, before asking");
    assertEquals(2 * Fixtures.SIZE, t.book().reservedSize(intent.hash()));
    assertEquals(3, t.book().openCount());
  }

  @Test
  void aMakerThatCannotBeReachedLeavesTheReservationUntilExpiry() throws Exception {
    final Trader t = trader();
    final Signed<Intent> intent = Fixtures.intent();
    final var none = assertInstanceOf(TraderDesk.Outcome.NoAnswer.class,
        t.desk().accept(intent, quote(Fixtures.MAKER, intent), List.of(), Fixtures.SIZE, 10_000).get(5, TimeUnit.SECONDS));
    assertTrue(t.book().find(none.matchId()).isPresent(), "the maker may hold our signature: the size stays committed");
    final MatchBook.Entry e = book(t, Fixtures.NOW).find(none.matchId()).orElseThrow();
    assertEquals(MatchState.PROPOSED, e.state(), "our signature is out, the maker's is not back");
    assertArrayEquals(new byte[64], e.match().signature(1), "the maker's signature is not there");
    assertEquals(List.of(Attempt.Kind.NO_ANSWER), e.attempts().stream().map(Attempt::kind).toList());
    assertEquals(MatchState.EXPIRED, book(t, Fixtures.NOW + 10_000).find(none.matchId()).orElseThrow().state(),
        "unanswered until the terms ran out: expired, not failed");
    assertEquals(List.of(), t.book().expiredUnopened(Fixtures.NOW + 9_999));
    assertEquals(1, t.book().expiredUnopened(Fixtures.NOW + 10_000).size(), "released by the expiry job after");
  }
}
