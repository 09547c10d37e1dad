package io.perpnet.node.cli;

/** Process exit codes of {@code ./perp}. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USER_ERROR = 2;

  private ExitCodes() {}
}
