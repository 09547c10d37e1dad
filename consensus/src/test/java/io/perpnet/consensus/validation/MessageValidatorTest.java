package io.perpnet.consensus.validation;

import static io.perpnet.consensus.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {
  private final MessageValidator validator = new MessageValidator(context());

  @Test
  void aValidMessageIsAcceptedOnce() {
    final byte[] wire = flow().intent().toWire();
    assertInstanceOf(Verdict.Accepted.class, validator.validate(wire, NOW));
    final Verdict.Refused replay = assertInstanceOf(Verdict.Refused.class, validator.validate(wire, NOW));
    assertEquals(Rejection.REPLAYED_NONCE, replay.reason());
    assertFalse(replay.peerFault());
  }

  @Test
  void everyTypeOfTheFlowValidates() {
    final var f = flow();
    for (final Signed<?> m : new Signed<?>[] {f.intent(), f.quote(), f.accept(), f.match(), cancel(f.intent()),
        close(f.match()), attestation(1, PRICE, NOW)}) {
      assertInstanceOf(Verdict.Accepted.class, validator.validate(m.toWire(), NOW), m.toString());
    }
  }

  @Test
  void aFlippedSignatureBitIsRejectedAndBlamesThePeer() {
    final byte[] wire = flow().intent().toWire();
    wire[wire.length - 10] ^= 0x20;
    final Verdict.Refused refused = refused(wire, NOW);
    assertEquals(Rejection.BAD_SIGNATURE, refused.reason());
    assertTrue(refused.peerFault());
  }

  @Test
  void aBadSignatureDoesNotConsumeTheNonce() {
    final byte[] wire = flow().intent().toWire();
    final byte[] forged = wire.clone();
    forged[wire.length - 1] ^= 1;
    assertEquals(Rejection.BAD_SIGNATURE, refused(forged, NOW).reason());
    assertInstanceOf(Verdict.Accepted.class, validator.validate(wire, NOW));
  }

  @Test
  void aWrongProgramIdIsRefused() {
    final Intent other = withHeader(flow().intent().payload(),
        new Header(BTC.id(), Bytes32.sha256(new byte[] {1}), NOW + 5_000, 9));
    assertEquals(Rejection.WRONG_PROGRAM, refused(Signed.sign(other, TRADER).toWire(), NOW).reason());
  }

  @Test
  void anUnknownMarketIsIgnoredNotBlamed() {
    final Intent other = withHeader(flow().intent().payload(), new Header(99, PROGRAM, NOW + 5_000, 9));
    final Verdict.Refused r = refused(Signed.sign(other, TRADER).toWire(), NOW);
    assertEquals(Rejection.UNKNOWN_MARKET, r.reason());
    assertFalse(r.peerFault());
  }

  @Test
  void anExpiredMessageIsRefusedFromItsExpiryOn() {
    final byte[] wire = flow().intent().toWire();
    final long expiry = flow().intent().payload().header().expiryMs();
    assertEquals(Rejection.EXPIRED, refused(wire, expiry).reason());
    assertInstanceOf(Verdict.Accepted.class, validator.validate(wire, expiry - 1));
  }

  @Test
  void anExpiryTooFarAheadIsRefused() {
    final Intent far = withHeader(flow().intent().payload(),
        header(NOW + ValidationContext.DEFAULT_MAX_LIFETIME_MS + 1, 5));
    assertEquals(Rejection.EXPIRY_TOO_FAR, refused(Signed.sign(far, TRADER).toWire(), NOW).reason());
  }

  @Test
  void boundsAreChecked() {
    final Intent i = flow().intent().payload();
    assertEquals(Rejection.ZERO_SIZE, refusedIntent(new Intent(i.header(), i.trader(), 0, i.limitPrice(), 0, 0, 10, Side.LONG)));
    assertEquals(Rejection.ZERO_PRICE, refusedIntent(new Intent(i.header(), i.trader(), 5, 0, 0, 0, 10, Side.LONG)));
    assertEquals(Rejection.LEVERAGE_OUT_OF_RANGE, refusedIntent(new Intent(i.header(), i.trader(), 5, 5, 0, 0, 51, Side.LONG)));
    assertEquals(Rejection.LEVERAGE_OUT_OF_RANGE, refusedIntent(new Intent(i.header(), i.trader(), 5, 5, 0, 0, 0, Side.LONG)));
    assertEquals(Rejection.MIN_FILL_ABOVE_SIZE, refusedIntent(new Intent(i.header(), i.trader(), 5, 5, 6, 0, 10, Side.LONG)));
  }

  private Rejection refusedIntent(final Intent intent) {
    return refused(Signed.sign(intent, TRADER).toWire(), NOW).reason();
  }

  private Verdict.Refused refused(final byte[] wire, final long now) {
    return assertInstanceOf(Verdict.Refused.class, validator.validate(wire, now));
  }

  private static Intent withHeader(final Intent i, final Header h) {
    return new Intent(h, i.trader(), i.size(), i.limitPrice(), i.minFill(), i.maxFundingPpm(), i.leverage(), i.side());
  }
}
