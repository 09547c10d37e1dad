package io.perpnet.node.store;

import java.nio.charset.StandardCharsets;

/**
 * The node's RocksDB column families, each with a fixed number (its identity on disk and in the
 * event log; never reuse one) and the kind of record it holds. {@link #META} and {@link #EVENTS}
 * are the store's own; every other column is derived: {@code perp node replay} rebuilds it from
 * the event log.
 */
public enum Column {
  /** Store metadata: the schema version, the next event sequence number. */
  META(0, "meta", false),
  /** Append-only event log: 8-byte big-endian sequence number to an {@link Event}. */
  EVENTS(1, "events", false),
  /** Our own and others' intents, by intent hash. */
  INTENTS(2, "intents", true),
  /** Quotes received and sent, by quote hash. */
  QUOTES(3, "quotes", true),
  /** Matches (signed MatchTerms) by match id. */
  MATCHES(4, "matches", true),
  /** Positions mirrored from the chain, by match id. */
  POSITIONS(5, "positions", true),
  /** The highest nonce signed, per message type and signer. */
  NONCES(6, "nonces", true),
  /** Size and collateral held for commitments not yet on chain, by match id. */
  RESERVATIONS(7, "reservations", true),
  /** Peer reputation, by peer id. */
  PEERS(8, "peers", true),
  /** The agent's switches (kill switch, dead-man switch), by ASCII name. */
  RISK(9, "risk", true),
  /** Stop-loss and take-profit prices, by match id and kind. */
  TRIGGERS(10, "triggers", true),
  /** The liquidations our liquidator landed, by match id ({@code liquidator.LiquidationRecord}). */
  LIQUIDATIONS(11, "liquidations", true),
  /** The opens and closes of our positions, by match id and 0 (open) or 1 (close) ({@code fills.Fill}). */
  FILLS(12, "fills", true),
  /** Our signed match terms not countersigned yet (the maker's signature zero), by match id. */
  PROPOSALS(13, "proposals", true),
  /** The tries that did not open a match's position, by match id, ms and number ({@code matches.Attempt}). */
  ATTEMPTS(14, "attempts", true),
  /** The intents placed through the API, by intent hash: the agent's clientId and reason ({@code api.routes.IntentStore}). */
  API_INTENTS(15, "api-intents", true);

  private final int number;
  private final String familyName;
  private final boolean derived;

  Column(final int number, final String familyName, final boolean derived) {
    this.number = number;
    this.familyName = familyName;
    this.derived = derived;
  }

  public int number() {
    return number;
  }

  /** The RocksDB column family name: the number and the name, so a listing explains itself. */
  byte[] familyName() {
    return (number + "-" + familyName).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether replaying the event log rebuilds this column. */
  public boolean derived() {
    return derived;
  }

  public static Column ofNumber(final int number) {
    for (final Column c : values()) {
      if (c.number == number) {
        return c;
      }
    }
    throw new IllegalArgumentException("no column number " + number);
  }
}
