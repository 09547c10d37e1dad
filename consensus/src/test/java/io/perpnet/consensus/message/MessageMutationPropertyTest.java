package io.perpnet.consensus.message;

import static io.perpnet.consensus.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Verdict;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random valid messages of every type, randomly mutated, never validate; and no byte string makes
 * the decoder throw anything but its documented {@link RejectedException}.
 */
class MessageMutationPropertyTest {
  private static final Ed25519KeyPair[] KEYS = {TRADER, MAKER, OUTSIDER, ORACLES[0]};

  @Provide
  Arbitrary<Signed<? extends Payload>> validMessages() {
    final Arbitrary<Long> amount = Arbitraries.longs().between(1, Long.MAX_VALUE / 4);
    final Arbitrary<Integer> keyIndex = Arbitraries.integers().between(0, KEYS.length - 1);
    final Arbitrary<Integer> typeIndex = Arbitraries.integers().between(0, MessageType.values().length - 1);
    final Arbitrary<Long> nonce = Arbitraries.longs().between(0, Long.MAX_VALUE);
    final Arbitrary<Integer> leverage = Arbitraries.integers().between(1, BTC.maxLeverage());
    return Combinators.combine(typeIndex, keyIndex, amount, amount, nonce, leverage, Arbitraries.integers())
        .as((type, k, a, b, n, lev, funding) -> build(MessageType.values()[type], k, a, b, n, lev, funding));
  }

  private static Signed<? extends Payload> build(
      final MessageType type, final int k, final long a, final long b, final long nonce, final int lev, final int funding) {
    final Ed25519KeyPair one = KEYS[k];
    final Ed25519KeyPair two = KEYS[(k + 1) % KEYS.length];
    final Header h = header(NOW + 1 + (a % 60_000), nonce);
    final Bytes32 ref = Bytes32.sha256(Long.toString(b).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return switch (type) {
      case INTENT -> Signed.sign(new Intent(h, one.publicKey(), Math.max(a, b), a, Math.min(a, b), funding, lev,
          (a & 1) == 0 ? Side.LONG : Side.SHORT), one);
      case QUOTE -> Signed.sign(new Quote(h, one.publicKey(), ref, a, b, funding, lev), one);
      case ACCEPT -> Signed.sign(new Accept(h, one.publicKey(), ref, a), one);
      case MATCH_TERMS -> Signed.sign(new MatchTerms(h, one.publicKey(), two.publicKey(), ref, ref, ref, a, b, a, b,
          funding, lev, Side.SHORT, 254), one, two);
      case CANCEL -> Signed.sign(new Cancel(h, one.publicKey(), ref), one);
      case CLOSE_TERMS -> Signed.sign(new CloseTerms(h, ref, one.publicKey(), two.publicKey(), a, b), one, two);
      case PRICE_ATTESTATION -> Signed.sign(new PriceAttestation(h, one.publicKey(), a, b), one);
    };
  }

  @Property(tries = 300)
  void validMessagesValidateAndRoundTrip(@ForAll("validMessages") final Signed<? extends Payload> message)
      throws RejectedException {
    assertInstanceOf(Verdict.Accepted.class, new MessageValidator(Fixtures.context()).validate(message.toWire(), NOW));
    assertArrayEquals(message.toWire(), Signed.decode(message.toWire()).toWire());
  }

  @Property(tries = 1000)
  void aFlippedBitAnywhereNeverValidates(
      @ForAll("validMessages") final Signed<? extends Payload> message, @ForAll @IntRange(min = 0, max = 1 << 20) final int at) {
    final byte[] wire = message.toWire();
    final int bit = at % (wire.length * 8);
    wire[bit / 8] ^= (byte) (1 << (bit % 8));
    assertNotValid(wire);
  }

  @Property(tries = 500)
  void overwrittenBytesNeverValidate(
      @ForAll("validMessages") final Signed<? extends Payload> message,
      @ForAll @IntRange(min = 0, max = 1 << 20) final int at,
      @ForAll @Size(min = 1, max = 16) final byte[] junk) {
    final byte[] wire = message.toWire();
    final int from = at % wire.length;
    final byte[] mutated = wire.clone();
    System.arraycopy(junk, 0, mutated, from, Math.min(junk.length, wire.length - from));
    if (!Arrays.equals(wire, mutated)) {
      assertNotValid(mutated);
    }
  }

  @Property(tries = 500)
  void truncatedOrExtendedMessagesNeverValidate(
      @ForAll("validMessages") final Signed<? extends Payload> message,
      @ForAll @IntRange(min = -400, max = 400) final int delta) {
    if (delta != 0) {
      final byte[] wire = message.toWire();
      assertNotValid(Arrays.copyOf(wire, Math.max(0, wire.length + delta)));
    }
  }

  @Property(tries = 2000)
  void arbitraryBytesOnlyEverGiveTheDocumentedRejection(@ForAll @Size(max = 600) final byte[] bytes) {
    try {
      Signed.decode(bytes);
    } catch (RejectedException e) {
      assertNotNull(e.reason());
    }
    assertInstanceOf(Verdict.class, new MessageValidator(Fixtures.context()).validate(bytes, NOW));
  }

  @Property(tries = 1000)
  void bytesBehindAValidTagOnlyEverGiveTheDocumentedRejection(
      @ForAll @IntRange(min = 0, max = 6) final int type, @ForAll @Size(max = 400) final byte[] rest) {
    final byte[] bytes = Arrays.copyOf(MessageType.values()[type].domain(), 8 + rest.length);
    System.arraycopy(rest, 0, bytes, 8, rest.length);
    try {
      Signed.decode(bytes);
    } catch (RejectedException e) {
      assertNotNull(e.reason());
    }
    assertFalse(new MessageValidator(Fixtures.context()).validate(bytes, NOW) instanceof Verdict.Accepted);
  }

  private static void assertNotValid(final byte[] wire) {
    final Verdict v = new MessageValidator(Fixtures.context()).validate(wire, NOW);
    assertEquals(Verdict.Refused.class, v.getClass(), "a mutated message validated");
  }
}
