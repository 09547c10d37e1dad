package io.perpnet.node.cli;

/** Process exit codes of {@code ./perp}. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USER_ERROR = 2;
  /** The node's API refused the request (its code and message are on standard error). */
  public static final int REFUSED = 3;

  private ExitCodes() {}
}
