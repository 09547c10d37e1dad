package io.perpnet.consensus.commitment;

import io.perpnet.consensus.codec.Bytes32;

/**
 * A commitment this node signed (or is about to sign), persisted before the signature leaves it.
 *
 * @param matchId SHA-256 of the match terms
 * @param role the side this node signed for
 * @param source the hash whose size the commitment consumes: the intent's for a trader, the quote's for a maker
 * @param size base units committed
 * @param margin USDC base units this node's side locks
 * @param notional USDC base units of notional at the entry price
 * @param expiryMs when the terms stop being submittable (then the reservation may be released if unopened)
 */
public record Reservation(
    Bytes32 matchId, Role role, Bytes32 source, long size, long margin, long notional, long expiryMs) {}
