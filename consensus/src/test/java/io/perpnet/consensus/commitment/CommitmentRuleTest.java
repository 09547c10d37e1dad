package io.perpnet.consensus.commitment;

import static io.perpnet.consensus.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.perpnet.consensus.commitment.CommitmentRule.Decision;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.Agreement;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CommitmentRuleTest {
  private static final long PLENTY = 1_000_000_000_000L;
  private final Fixtures.Flow f = flow();
  private final InMemoryReservationBook book = new InMemoryReservationBook();

  @Test
  void bothSidesMaySignAFreshMatch() {
    final Decision.Sign maker = assertInstanceOf(Decision.Sign.class, decide(MAKER.publicKey(), f.match(), PLENTY));
    assertEquals(Role.MAKER, maker.reservation().role());
    assertEquals(f.quote().hash(), maker.reservation().source());
    assertEquals(f.match().payload().makerMargin(), maker.reservation().margin());
    final Decision.Sign trader = assertInstanceOf(Decision.Sign.class, decide(TRADER.publicKey(), f.match(), PLENTY));
    assertEquals(f.intent().hash(), trader.reservation().source());
  }

  @Test
  void theSameTermsAreRecognisedAsAlreadyCommitted() {
    final Decision.Sign first = assertInstanceOf(Decision.Sign.class, decide(MAKER.publicKey(), f.match(), PLENTY));
    book.add(first.reservation());
    assertInstanceOf(Decision.AlreadyCommitted.class, decide(MAKER.publicKey(), f.match(), PLENTY));
  }

  @Test
  void twoCommitmentsNeverExceedTheQuotesSize() throws RejectedException {
    // the quote offers 2 x SIZE; accept SIZE twice (different accepts) then once more
    commit(MAKER.publicKey(), match(SIZE, 20));
    commit(MAKER.publicKey(), match(SIZE, 21));
    assertRefused(Rejection.EXCEEDS_QUOTE_SIZE, decide(MAKER.publicKey(), match(SIZE, 22), PLENTY));
  }

  @Test
  void twoCommitmentsNeverExceedTheIntentsSize() throws RejectedException {
    commit(TRADER.publicKey(), match(SIZE, 20));
    commit(TRADER.publicKey(), match(SIZE, 21));
    assertRefused(Rejection.EXCEEDS_INTENT_SIZE, decide(TRADER.publicKey(), match(SIZE, 22), PLENTY));
  }

  @Test
  void pendingMarginCountsAgainstFreeCollateral() throws RejectedException {
    final Signed<MatchTerms> a = match(SIZE, 20);
    final long margin = a.payload().makerMargin();
    commit(MAKER.publicKey(), a);
    assertRefused(Rejection.INSUFFICIENT_COLLATERAL, decide(MAKER.publicKey(), match(SIZE, 21), 2 * margin - 1));
    assertInstanceOf(Decision.Sign.class, decide(MAKER.publicKey(), match(SIZE, 21), 2 * margin));
    book.markOpened(a.hash()); // the chain now shows it: free collateral already excludes it
    assertInstanceOf(Decision.Sign.class, decide(MAKER.publicKey(), match(SIZE, 21), margin));
  }

  @Test
  void agentLimitsHold() {
    assertRefused(Rejection.EXCEEDS_AGENT_LEVERAGE,
        CommitmentRule.decide(MAKER.publicKey(), f.match(), f.intent(), f.quote(), BTC, book,
            new AgentLimits(19, PLENTY, 10), PLENTY));
    assertRefused(Rejection.EXCEEDS_AGENT_POSITION,
        CommitmentRule.decide(TRADER.publicKey(), f.match(), f.intent(), f.quote(), BTC, book,
            new AgentLimits(10, 1_000_000_000L, 10), PLENTY));
    assertRefused(Rejection.TOO_MANY_POSITIONS,
        CommitmentRule.decide(TRADER.publicKey(), f.match(), f.intent(), f.quote(), BTC, book,
            new AgentLimits(10, PLENTY, 0), PLENTY));
  }

  @Test
  void anOutsiderMayNotSign() {
    assertRefused(Rejection.NOT_A_PARTY, decide(OUTSIDER.publicKey(), f.match(), PLENTY));
  }

  /** Whatever sequence of fills is proposed, what the maker signs never adds up beyond the quote's size. */
  @Property(tries = 200)
  void signedFillsNeverExceedTheQuote(@ForAll @Size(max = 12) final java.util.List<@IntRange(min = 1, max = 6) Integer> parts)
      throws RejectedException {
    final InMemoryReservationBook fresh = new InMemoryReservationBook();
    long signed = 0;
    int nonce = 100;
    for (final int part : parts) {
      final long fill = Math.max(f.intent().payload().minFill(), SIZE * part / 4);
      if (fill > f.quote().payload().size()) {
        continue;
      }
      final Decision d = CommitmentRule.decide(MAKER.publicKey(), match(fill, nonce++), f.intent(), f.quote(), BTC,
          fresh, new AgentLimits(20, PLENTY, 100), PLENTY);
      if (d instanceof Decision.Sign s) {
        fresh.add(s.reservation());
        signed += fill;
      }
    }
    assertEquals(true, signed <= f.quote().payload().size(), "signed " + signed);
  }

  private Signed<MatchTerms> match(final long fill, final long nonce) throws RejectedException {
    final Signed<Accept> accept = Signed.sign(new Accept(header(NOW + 30_000, nonce), TRADER.publicKey(),
        f.quote().hash(), fill), TRADER);
    return Signed.sign(Agreement.derive(f.intent(), f.quote(), accept, BTC), TRADER, MAKER);
  }

  private void commit(final Ed25519PublicKey self, final Signed<MatchTerms> terms) {
    book.add(assertInstanceOf(Decision.Sign.class, decide(self, terms, PLENTY)).reservation());
  }

  private Decision decide(final Ed25519PublicKey self, final Signed<MatchTerms> terms, final long free) {
    return CommitmentRule.decide(self, terms, f.intent(), f.quote(), BTC, book, new AgentLimits(20, PLENTY, 100), free);
  }

  private static void assertRefused(final Rejection reason, final Decision d) {
    assertEquals(reason, assertInstanceOf(Decision.Refuse.class, d).reason());
  }
}
