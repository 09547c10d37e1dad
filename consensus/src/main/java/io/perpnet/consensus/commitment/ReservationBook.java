package io.perpnet.consensus.commitment;

import io.perpnet.consensus.codec.Bytes32;
import java.util.Optional;

/** The reservations a node has persisted: what the commitment rule decides against. */
public interface ReservationBook {
  /** Base units already committed against an intent or quote hash. */
  long reservedSize(Bytes32 source);

  /**
   * Margin of reservations not yet seen locked on chain. Once a position opens, the chain's free
   * collateral already excludes its margin, so it stops counting here.
   */
  long pendingMargin();

  /** Number of open reservations (positions signed for and not yet closed or released). */
  int openCount();

  Optional<Reservation> find(Bytes32 matchId);
}
