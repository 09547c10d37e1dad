package io.perpnet.consensus.oracle;

import static io.perpnet.consensus.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OracleQuorumTest {
  /** 2-of-3, 10 s staleness, 1 s future skew, 1% spread. */
  private static final OracleConfig CONFIG = new OracleConfig(
      Set.of(ORACLES[0].publicKey(), ORACLES[1].publicKey(), ORACLES[2].publicKey()), 2, 10_000, 1_000, 100);

  private static OracleQuorum.QuorumPrice aggregate(final List<Signed<PriceAttestation>> atts) throws RejectedException {
    return OracleQuorum.aggregate(atts, CONFIG, PROGRAM, BTC.id(), NOW);
  }

  @Test
  void theMedianOfAnOddCountIsTheMiddlePrice() throws RejectedException {
    final var q = aggregate(List.of(attestation(0, 100_000_000, NOW - 500), attestation(1, 100_400_000, NOW),
        attestation(2, 100_100_000, NOW - 2_000)));
    assertEquals(100_100_000, q.price());
    assertEquals(3, q.attestations());
    assertEquals(NOW - 2_000, q.oldestPublishTimeMs());
  }

  @Test
  void theMedianOfAnEvenCountIsTheFlooredMeanOfTheMiddleTwo() throws RejectedException {
    assertEquals(100_000_000, aggregate(List.of(attestation(0, 100_000_001, NOW), attestation(1, 99_999_999, NOW)))
        .price());
    assertEquals(100_000_000, aggregate(List.of(attestation(0, 100_000_000, NOW), attestation(1, 100_000_001, NOW)))
        .price());
  }

  @Test
  void fewerThanTheThresholdIsNoQuorum() {
    assertReason(Rejection.INSUFFICIENT_QUORUM, List.of(attestation(0, 100_000_000, NOW)));
  }

  @Test
  void oneAttestationPerSigner() {
    assertReason(Rejection.DUPLICATE_ORACLE,
        List.of(attestation(0, 100_000_000, NOW), attestation(0, 100_000_000, NOW - 1)));
  }

  @Test
  void staleAndFutureDatedAttestationsAreRefused() {
    assertReason(Rejection.STALE_PRICE, List.of(attestation(0, 100_000_000, NOW), attestation(1, 100_000_000, NOW - 10_001)));
    assertReason(Rejection.FUTURE_PRICE, List.of(attestation(0, 100_000_000, NOW), attestation(1, 100_000_000, NOW + 1_001)));
  }

  @Test
  void theSpreadIsBounded() throws RejectedException {
    // exactly 1% apart passes, a hair more does not
    aggregate(List.of(attestation(0, 100_000_000, NOW), attestation(1, 101_000_000, NOW), attestation(2, 100_000_000, NOW)));
    assertReason(Rejection.SPREAD_TOO_WIDE,
        List.of(attestation(0, 100_000_000, NOW), attestation(1, 101_000_001, NOW), attestation(2, 100_000_000, NOW)));
  }

  @Test
  void unknownSignersOtherMarketsAndOtherProgramsAreRefused() {
    final Ed25519KeyPair rogue = OUTSIDER;
    final Signed<PriceAttestation> byRogue = Signed.sign(new PriceAttestation(header(NOW + 60_000, 1),
        rogue.publicKey(), 100_000_000, NOW), rogue);
    assertReason(Rejection.UNKNOWN_ORACLE, List.of(attestation(0, 100_000_000, NOW), byRogue));
    final Signed<PriceAttestation> otherMarket = Signed.sign(new PriceAttestation(new Header(2, PROGRAM, NOW + 60_000, 1),
        ORACLES[1].publicKey(), 100_000_000, NOW), ORACLES[1]);
    assertReason(Rejection.CONTEXT_MISMATCH, List.of(attestation(0, 100_000_000, NOW), otherMarket));
    final Signed<PriceAttestation> otherProgram = Signed.sign(new PriceAttestation(
        new Header(BTC.id(), Bytes32.sha256(new byte[0]), NOW + 60_000, 1), ORACLES[1].publicKey(), 100_000_000, NOW),
        ORACLES[1]);
    assertReason(Rejection.WRONG_PROGRAM, List.of(attestation(0, 100_000_000, NOW), otherProgram));
  }

  @Test
  void aForgedAttestationIsRefused() throws RejectedException {
    final Signed<PriceAttestation> genuine = attestation(1, 100_000_000, NOW);
    final byte[] sig = genuine.signature(0);
    sig[3] ^= 1;
    final Signed<PriceAttestation> forged = Signed.of(genuine.payload(), List.of(sig));
    assertReason(Rejection.BAD_SIGNATURE, List.of(attestation(0, 100_000_000, NOW), forged));
  }

  @Test
  void theOrderOfAttestationsDoesNotMatter() throws RejectedException {
    final var a = Arrays.asList(attestation(0, 100_000_000, NOW), attestation(1, 100_700_000, NOW),
        attestation(2, 100_300_000, NOW));
    final long first = aggregate(a).price();
    java.util.Collections.reverse(a);
    assertEquals(first, aggregate(a).price());
  }

  private static void assertReason(final Rejection reason, final List<Signed<PriceAttestation>> atts) {
    final RejectedException e = assertThrows(RejectedException.class, () -> aggregate(atts));
    assertEquals(reason, e.reason(), e.getMessage());
  }
}
