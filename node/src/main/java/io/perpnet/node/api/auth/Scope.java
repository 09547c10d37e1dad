package io.perpnet.node.api.auth;

/**
 * What a token may do, each scope including the ones before it: read state; trade (intents,
 * quotes, closes, its own dead-man switch); everything (also move money, change risk limits, the
 * kill switch).
 */
public enum Scope {
  READ, TRADE, FULL;

  public boolean allows(final Scope needed) {
    return compareTo(needed) >= 0;
  }

  /** The token file's name in the API directory. */
  public String fileName() {
    return "token-" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
