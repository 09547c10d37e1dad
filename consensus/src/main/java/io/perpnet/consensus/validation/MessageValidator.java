package io.perpnet.consensus.validation;

import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.Signed;

/**
 * Validates one message from the wire, cheapest checks first: decode (length, tag, version,
 * fields), binding (program, market), time (expiry, lifetime), bounds, replay, and the
 * signatures last; only a fully valid message consumes its nonce. Pure apart from the nonce
 * registry; the clock is an argument.
 */
public final class MessageValidator {
  private final ValidationContext context;

  public MessageValidator(final ValidationContext context) {
    this.context = context;
  }

  public Verdict validate(final byte[] wire, final long nowMs) {
    try {
      final Signed<Payload> message = Signed.decode(wire);
      checkWithoutSignatures(message.payload(), nowMs);
      if (!message.verify()) {
        throw new RejectedException(Rejection.BAD_SIGNATURE, message.payload().type() + " signature does not verify");
      }
      final Payload p = message.payload();
      if (!context.nonces().markUsed(p.type(), p.signers().getFirst(), p.header().nonce(), p.header().expiryMs())) {
        throw new RejectedException(Rejection.REPLAYED_NONCE, "nonce " + p.header().nonce());
      }
      return new Verdict.Accepted(message);
    } catch (RejectedException e) {
      return Verdict.refused(e);
    }
  }

  /** Every check but the signatures and the nonce consumption; for callers that verify in batches. */
  public void checkWithoutSignatures(final Payload p, final long nowMs) throws RejectedException {
    final Header h = p.header();
    if (!h.program().equals(context.program())) {
      throw new RejectedException(Rejection.WRONG_PROGRAM, "program " + h.program());
    }
    final MarketParams market = context.markets().get(h.market());
    if (market == null) {
      throw new RejectedException(Rejection.UNKNOWN_MARKET, "market " + Integer.toUnsignedString(h.market()));
    }
    if (nowMs >= h.expiryMs()) {
      throw new RejectedException(Rejection.EXPIRED, "expired at " + h.expiryMs() + ", now " + nowMs);
    }
    if (h.expiryMs() - nowMs > context.maxLifetimeMs()) {
      throw new RejectedException(Rejection.EXPIRY_TOO_FAR, "expiry " + h.expiryMs() + " is more than "
          + context.maxLifetimeMs() + " ms ahead");
    }
    Bounds.check(p, market);
    if (context.nonces().isUsed(p.type(), p.signers().getFirst(), h.nonce())) {
      throw new RejectedException(Rejection.REPLAYED_NONCE, "nonce " + h.nonce());
    }
  }
}
