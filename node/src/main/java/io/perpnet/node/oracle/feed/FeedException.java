package io.perpnet.node.oracle.feed;

/** A feed could not give a price; {@link #reason()} says why, in a stable code. */
public final class FeedException extends Exception {
  /** Why a read failed. */
  public enum Reason {
    /** The feed does not know the market. */
    UNKNOWN_SYMBOL,
    /** The source did not answer, or answered with an error status. */
    UNAVAILABLE,
    /** The source did not answer in time. */
    TIMEOUT,
    /** The answer was not a price: wrong shape, not a number, zero, negative or absurd. */
    MALFORMED
  }

  private final Reason reason;

  public FeedException(final Reason reason, final String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
