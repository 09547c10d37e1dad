package io.perpnet.escrow.client;

import io.perpnet.escrow.rpc.RpcError;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one step of a random sequence may end in: success and/or the named escrow errors, computed
 * from the state before the step. Any other outcome (another error, a crash, running out of
 * compute, a failure the program does not name) fails the test.
 */
record Expected(boolean success, Set<EscrowError> refusals, boolean byTokenProgram) {
  private static final String TOKEN_FAILED = "Program " + EscrowProgram.TOKEN_PROGRAM + " failed";

  static Expected ok() {
    return new Expected(true, Set.of(), false);
  }

  static Expected refused(final EscrowError error) {
    return new Expected(false, Set.of(error), false);
  }

  /** Refused by the SPL Token program in the escrow's call to it (a mint or an owner that does not match). */
  static Expected refusedByTokenProgram() {
    return new Expected(false, Set.of(), true);
  }

  /** Also allows {@code error}, for a condition the model cannot decide (a boundary crossed in flight). */
  Expected or(final EscrowError error) {
    final Set<EscrowError> all = refusals.isEmpty() ? EnumSet.noneOf(EscrowError.class) : EnumSet.copyOf(refusals);
    all.add(error);
    return new Expected(success, all, byTokenProgram);
  }

  /** The escrow error of {@code e} when it is one of those expected; otherwise fails with what happened. */
  EscrowError check(final RpcError e, final String step) {
    final boolean tokenFailed = e.logs().stream().anyMatch(l -> l.startsWith(TOKEN_FAILED));
    if (tokenFailed && byTokenProgram) {
      return null;
    }
    final EscrowError got = tokenFailed ? null : EscrowError.of(e.customError());
    if (got == null || !refusals.contains(got)) {
      throw new AssertionError(step + ": expected " + this + ", got " + (got == null ? "" : got + ": ") + e.getMessage(), e);
    }
    return got;
  }

  void checkSuccess(final String step) {
    if (!success) {
      throw new AssertionError(step + ": expected " + this + ", but it succeeded");
    }
  }

  @Override
  public String toString() {
    return (success ? "success" : "") + (success && !refusals.isEmpty() ? " or " : "") + (refusals.isEmpty() ? "" : refusals)
        + (byTokenProgram ? "a refusal by the token program" : "");
  }
}
