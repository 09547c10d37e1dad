package io.perpnet.node.rfq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Messages;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.Agreement;
import io.perpnet.consensus.validation.Rejection;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Store;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maker's answers to accept requests: countersign once, persist first, refuse with the right code. */
class MakerDeskTest {
  /** The fixture's maker quotes at 20x. */
  private static final AgentLimits LIMITS = new AgentLimits(50, 10_000_000_000L, 10);
  private static final PeerId TRADER_PEER = PeerId.of(Fixtures.TRADER.publicKey());
  private final AtomicLong now = new AtomicLong(Fixtures.NOW);
  private final AtomicLong free = new AtomicLong(1_000_000_000_000L);

  @TempDir
  Path dir;

  private MakerDesk desk(final Store store, final Ed25519KeyPair self) throws Exception {
    return new MakerDesk(self, Fixtures.PROGRAM, Map.of(Fixtures.BTC.id(), Fixtures.BTC), now::get,
        new StoredReservations(store), LIMITS, free::get, Runnable::run, m -> {});
  }

  private static byte[] request(final Fixtures.Flow f, final Signed<Accept> accept) throws Exception {
    final byte[] terms = Messages.encode(Agreement.derive(f.intent(), f.quote(), accept, Fixtures.BTC));
    return new AcceptWire.Request(f.intent().toWire(), f.quote().toWire(), accept.toWire(),
        Fixtures.TRADER.sign(terms)).encode();
  }

  private static Signed<Accept> accept(final Fixtures.Flow f, final long nonce, final long size) {
    return Signed.sign(new Accept(Fixtures.header(Fixtures.NOW + 30_000, nonce), Fixtures.TRADER.publicKey(),
        f.quote().hash(), size), Fixtures.TRADER);
  }

  private static Rejection refusal(final AcceptWire.Response r) {
    return assertInstanceOf(AcceptWire.Response.Refused.class, r).reason();
  }

  @Test
  void countersignsOncePersistingFirstAndAnswersARepeatTheSame() throws Exception {
    final Fixtures.Flow f = Fixtures.flow();
    final byte[] req = request(f, f.accept());
    try (Store store = Store.open(dir)) {
      final MakerDesk desk = desk(store, Fixtures.MAKER);
      final var first = assertInstanceOf(AcceptWire.Response.Countersigned.class,
          AcceptWire.Response.decode(desk.respond(TRADER_PEER, req).get(5, TimeUnit.SECONDS)));
      assertArrayEquals(f.match().signature(1), first.makerSignature(), "the maker's signature over the terms");
      assertTrue(store.get(Column.RESERVATIONS, f.match().hash().bytes()).isPresent());
      assertArrayEquals(f.match().toWire(), store.get(Column.MATCHES, f.match().hash().bytes()).orElseThrow());
      final var again = assertInstanceOf(AcceptWire.Response.Countersigned.class, desk.answer(TRADER_PEER, req));
      assertArrayEquals(first.makerSignature(), again.makerSignature());
      assertEquals(2, store.nextSequence(), "one event: the reservation with the match, and nothing for the repeat");
    }
    try (Store store = Store.open(dir)) { // after a restart the commitment is still there
      final MakerDesk desk = desk(store, Fixtures.MAKER);
      assertInstanceOf(AcceptWire.Response.Countersigned.class, desk.answer(TRADER_PEER, req));
      assertEquals(Rejection.EXCEEDS_QUOTE_SIZE, refusal(desk.answer(TRADER_PEER,
          request(f, accept(f, 3, 3 * Fixtures.SIZE / 2)))), "the quote is partly used up");
    }
  }

  @Test
  void refusalsCarryStableCodesAndARefusedRequestKeepsItsAnswer() throws Exception {
    final Fixtures.Flow f = Fixtures.flow();
    try (Store store = Store.open(dir)) {
      final MakerDesk desk = desk(store, Fixtures.MAKER);
      final byte[] good = request(f, f.accept());
      final byte[] forged = good.clone();
      forged[forged.length - 1] ^= 1;
      assertEquals(Rejection.BAD_SIGNATURE, refusal(desk.answer(TRADER_PEER, forged)));
      assertEquals(Rejection.TRUNCATED, refusal(desk.answer(TRADER_PEER, java.util.Arrays.copyOf(good, 40))));
      assertEquals(Rejection.NOT_A_PARTY, refusal(desk(store, Fixtures.OUTSIDER).answer(TRADER_PEER, good)));
      free.set(1);
      assertEquals(Rejection.INSUFFICIENT_COLLATERAL, refusal(desk.answer(TRADER_PEER, good)));
      free.set(1_000_000_000_000L);
      assertEquals(Rejection.INSUFFICIENT_COLLATERAL, refusal(desk.answer(TRADER_PEER, good)), "the same request, the same answer");
      now.set(Fixtures.NOW + 30_000);
      assertEquals(Rejection.EXPIRED, refusal(desk.answer(TRADER_PEER, request(f, accept(f, 4, Fixtures.SIZE)))));
      assertEquals(0, new StoredReservations(store).openCount(), "nothing refused was reserved");
    }
  }

  @Test
  void anAcceptFloodFromOnePeerIsRefusedBeforeAnyWorkAndOtherPeersAreNotHeldUp() throws Exception {
    final Fixtures.Flow f = Fixtures.flow();
    try (Store store = Store.open(dir)) {
      final MakerDesk desk = desk(store, Fixtures.MAKER);
      final byte[] junk = new byte[] {1, 2, 3};
      int limited = 0;
      final int sent = MakerDesk.MAX_REQUESTS_PER_SECOND + 80;
      for (int i = 0; i < sent; i++) {
        if (refusal(desk.answer(TRADER_PEER, junk)) == Rejection.TOO_MANY_REQUESTS) {
          limited++;
        }
      }
      assertEquals(80, limited, "a burst of MAX_REQUESTS_PER_SECOND, then refused unread");
      final PeerId other = PeerId.of(Fixtures.OUTSIDER.publicKey());
      assertEquals(Rejection.TRUNCATED, refusal(desk.answer(other, junk)), "another peer is answered: read and refused");
      now.addAndGet(1_000); // a second later the flooder has its tokens back
      assertInstanceOf(AcceptWire.Response.Countersigned.class, desk.answer(TRADER_PEER, request(f, f.accept())));
    }
  }
}
