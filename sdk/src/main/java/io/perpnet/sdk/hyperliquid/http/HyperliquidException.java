package io.perpnet.sdk.hyperliquid.http;

/**
 * A Hyperliquid call that did not succeed, by what the caller should do about it: wait and retry
 * ({@link Kind#RATE_LIMITED}, {@link Kind#UNREACHABLE}), or not ({@link Kind#REJECTED}: the
 * exchange said no, with its own message; {@link Kind#MALFORMED}: an answer this client cannot read).
 */
public final class HyperliquidException extends Exception {
  /** Why. */
  public enum Kind {
    RATE_LIMITED(true), UNREACHABLE(true), REJECTED(false), HTTP(false), MALFORMED(false);

    private final boolean retryable;

    Kind(final boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;

  public HyperliquidException(final Kind kind, final String message) {
    super(kind + ": " + message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
