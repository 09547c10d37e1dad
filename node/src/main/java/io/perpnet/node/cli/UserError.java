package io.perpnet.node.cli;

/** A failure the user can fix (bad argument, missing or existing file); printed without a stack trace, exit 2. */
public final class UserError extends RuntimeException {
  public UserError(final String message) {
    super(message);
  }

  public UserError(final String message, final Throwable cause) {
    super(message, cause);
  }
}
