package io.perpnet.node.matches;

/** Where a match stands, as {@code GET /v1/matches} names it ({@link #apiName()}: the lower-case name). */
public enum MatchState {
  /** We signed the terms and sent our accept; the maker has not countersigned (yet). */
  PROPOSED,
  /** Both signatures; not submitted yet. */
  COUNTERSIGNED,
  /** On its way to the chain: open_position sent or being retried until the terms expire. */
  SUBMITTED,
  /** Its position is open. */
  CONFIRMED,
  /** Its position opened and has closed (at mark, by agreement or liquidated). */
  CLOSED,
  /** No position, because the maker refused our accept or the program refused open_position. */
  FAILED,
  /** No position, and no refusal: the terms ran out unanswered or with no transaction confirmed. */
  EXPIRED;

  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
