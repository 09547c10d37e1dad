package io.perpnet.consensus.validation;

/** Bad input refused for a precise {@link Rejection}; the only exception the message layer throws on hostile bytes. */
public final class RejectedException extends Exception {
  private final Rejection reason;

  public RejectedException(final Rejection reason, final String detail) {
    super(reason.name() + ": " + detail, null, false, false);
    this.reason = reason;
  }

  public RejectedException(final Rejection reason) {
    this(reason, reason.description());
  }

  public Rejection reason() {
    return reason;
  }
}
