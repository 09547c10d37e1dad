package io.perpnet.consensus.commitment;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.fixed.FixedPoint;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;

/**
 * The bilateral commitment rule for one side: may this node sign these match terms, given the
 * reservations it has already persisted? It never allows two commitments that together exceed the
 * quote's size (maker) or the intent's size (trader), the free collateral, or the agent's declared
 * limits. Pure: the caller persists the returned reservation before releasing its signature.
 */
public final class CommitmentRule {
  private CommitmentRule() {}

  /** The outcome: sign (after persisting the reservation), already signed, or refuse. */
  public sealed interface Decision {
    record Sign(Reservation reservation) implements Decision {}

    /** The very same terms were committed before: re-sending the stored signature is safe. */
    record AlreadyCommitted(Reservation reservation) implements Decision {}

    record Refuse(Rejection reason, String detail) implements Decision {}
  }

  /**
   * Decides for {@code self}, which must be the terms' trader or maker. {@code intent} and
   * {@code quote} are the messages the terms reference (already checked by {@code Agreement}).
   * {@code freeCollateral} is the agent's free collateral on chain; margins of pending
   * reservations are subtracted from it here.
   */
  public static Decision decide(
      final Ed25519PublicKey self,
      final Signed<MatchTerms> terms,
      final Signed<Intent> intent,
      final Signed<Quote> quote,
      final MarketParams market,
      final ReservationBook book,
      final AgentLimits limits,
      final long freeCollateral) {
    final MatchTerms t = terms.payload();
    final Bytes32 matchId = terms.hash();
    final var existing = book.find(matchId);
    if (existing.isPresent()) {
      return new Decision.AlreadyCommitted(existing.get());
    }
    try {
      if (!t.intentHash().equals(intent.hash()) || !t.quoteHash().equals(quote.hash())) {
        throw new RejectedException(Rejection.MATCH_NOT_DERIVED, "terms reference other messages");
      }
      final Role role;
      if (self.equals(t.trader())) {
        role = Role.TRADER;
      } else if (self.equals(t.maker())) {
        role = Role.MAKER;
      } else {
        throw new RejectedException(Rejection.NOT_A_PARTY, self.toAddress());
      }
      final Bytes32 source = role == Role.TRADER ? intent.hash() : quote.hash();
      final long sourceSize = role == Role.TRADER ? intent.payload().size() : quote.payload().size();
      final long margin = role == Role.TRADER ? t.traderMargin() : t.makerMargin();
      final int leverage = role == Role.TRADER ? t.leverage() : quote.payload().makerLeverage();

      final long committed = FixedPoint.checkedAdd(book.reservedSize(source), t.size());
      if (committed > sourceSize) {
        throw new RejectedException(role == Role.TRADER ? Rejection.EXCEEDS_INTENT_SIZE : Rejection.EXCEEDS_QUOTE_SIZE,
            committed + " > " + sourceSize);
      }
      if (leverage > limits.maxLeverage()) {
        throw new RejectedException(Rejection.EXCEEDS_AGENT_LEVERAGE, leverage + " > " + limits.maxLeverage());
      }
      final long notional = FixedPoint.notional(t.size(), t.price(), market.baseDecimals());
      if (notional > limits.maxPositionNotional()) {
        throw new RejectedException(Rejection.EXCEEDS_AGENT_POSITION, notional + " > " + limits.maxPositionNotional());
      }
      if (book.openCount() >= limits.maxOpenPositions()) {
        throw new RejectedException(Rejection.TOO_MANY_POSITIONS, "limit " + limits.maxOpenPositions());
      }
      final long marginNeeded = FixedPoint.checkedAdd(book.pendingMargin(), margin);
      if (marginNeeded > freeCollateral) {
        throw new RejectedException(Rejection.INSUFFICIENT_COLLATERAL, marginNeeded + " > " + freeCollateral);
      }
      return new Decision.Sign(new Reservation(matchId, role, source, t.size(), margin, notional, t.header().expiryMs()));
    } catch (RejectedException e) {
      return new Decision.Refuse(e.reason(), e.getMessage());
    }
  }
}
