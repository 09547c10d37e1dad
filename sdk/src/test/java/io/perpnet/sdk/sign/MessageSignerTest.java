package io.perpnet.sdk.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.Rejection;
import io.perpnet.consensus.validation.Verdict;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the SDK signs is what a node accepts; what it verifies is refused for the node's reasons. */
class MessageSignerTest {
  private static final Bytes32 PROGRAM = Bytes32.sha256("escrow".getBytes());
  private static final long NOW = 1_700_000_000_000L;
  private final SecureRandom seeded = new SecureRandom(new byte[] {7});
  private final Ed25519KeyPair traderKey = Ed25519KeyPair.fromSeed(new byte[32]);
  private final Ed25519KeyPair makerKey = Ed25519KeyPair.fromSeed(filled((byte) 1));
  private final MessageSigner trader = new MessageSigner(traderKey, PROGRAM, new Nonces(() -> NOW * 1000), () -> NOW);
  private final MessageSigner maker = new MessageSigner(makerKey, PROGRAM, new Nonces(() -> NOW * 1000), () -> NOW);
  private final MessageVerifier verifier = new MessageVerifier(PROGRAM, List.of(MarketParams.BTC_PERP), () -> NOW);

  private static byte[] filled(final byte b) {
    final byte[] s = new byte[32];
    java.util.Arrays.fill(s, b);
    return s;
  }

  @Test
  void intentQuoteAcceptAndCancelVerifyAsANodeWouldAndBindToEachOther() {
    final Signed<Intent> intent = trader.intent(MarketParams.BTC_PERP, Side.LONG, 100_000, 70_500_000_000L, 5, 5_000);
    final Signed<Quote> quote = maker.quote(intent, 70_400_000_000L, 100_000, 0, 20, 10_000);
    final Signed<Accept> accept = trader.accept(quote, 100_000, 30_000);
    for (final Signed<?> s : List.of(intent, quote, accept, trader.cancel(intent))) {
      assertInstanceOf(Verdict.Accepted.class, verifier.verify(s.toWire()), s.payload().type().toString());
    }
    assertEquals(intent.hash(), quote.payload().intentHash());
    assertEquals(quote.hash(), accept.payload().quoteHash());
    assertEquals(NOW + 5_000, intent.payload().header().expiryMs());
    assertEquals(PROGRAM, intent.payload().header().program());
  }

  @Test
  void replaysTamperingAndAnotherDeploymentAreRefusedWithTheirReasons() {
    final Signed<Intent> intent = trader.intent(MarketParams.BTC_PERP, Side.SHORT, 1, 1, 1, 5_000);
    assertInstanceOf(Verdict.Accepted.class, verifier.verify(intent.toWire()));
    assertEquals(Rejection.REPLAYED_NONCE, refused(intent.toWire()));
    final byte[] tampered = trader.intent(MarketParams.BTC_PERP, Side.SHORT, 1, 1, 1, 5_000).toWire();
    tampered[100] ^= 1; // the size
    assertEquals(Rejection.BAD_SIGNATURE, refused(tampered));
    final MessageSigner elsewhere = new MessageSigner(traderKey, Bytes32.sha256("other".getBytes()),
        Nonces.wallClock(), () -> NOW);
    assertEquals(Rejection.WRONG_PROGRAM, refused(elsewhere.intent(MarketParams.BTC_PERP, Side.LONG, 1, 1, 1, 5_000)
        .toWire()));
    final MessageSigner late = new MessageSigner(traderKey, PROGRAM, Nonces.wallClock(), () -> NOW - 10_000);
    assertEquals(Rejection.EXPIRED, refused(late.intent(MarketParams.BTC_PERP, Side.LONG, 1, 1, 1, 5_000).toWire()));
  }

  @Test
  void closeTermsCarryBothHalvesInSignerOrder() {
    final Ed25519KeyPair other = Ed25519KeyPair.generate(seeded);
    final var terms = new CloseTerms(new io.perpnet.consensus.message.Header(1, PROGRAM, NOW + 5_000, 9),
        Bytes32.sha256(new byte[] {1}), traderKey.publicKey(), makerKey.publicKey(), 70_000_000_000L, 100_000);
    final MessageSigner stranger = new MessageSigner(other, PROGRAM, Nonces.wallClock(), () -> NOW);
    assertThrows(IllegalArgumentException.class, () -> stranger.signatureOver(terms), "not a signer");
    final Signed<CloseTerms> swapped = MessageSigner.combine(terms, maker.signatureOver(terms),
        trader.signatureOver(terms));
    assertEquals(Rejection.BAD_SIGNATURE, refused(swapped.toWire()), "maker's half first");
    final Signed<CloseTerms> both = MessageSigner.combine(terms, trader.signatureOver(terms),
        maker.signatureOver(terms));
    assertInstanceOf(Verdict.Accepted.class, verifier.verify(both.toWire()));
  }

  @Test
  void noncesStayUniqueUnderConcurrencyAndAFrozenClock() {
    final Nonces n = new Nonces(() -> 5);
    final Set<Long> seen = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 10_000).parallel().forEach(i -> seen.add(n.next()));
    assertEquals(10_000, seen.size());
  }

  private Rejection refused(final byte[] wire) {
    return assertInstanceOf(Verdict.Refused.class, verifier.verify(wire)).reason();
  }
}
