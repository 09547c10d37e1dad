package io.perpnet.node.config;

/** A setting is missing, unknown or malformed; the message names it and where it came from. */
public final class ConfigException extends Exception {
  public ConfigException(final String message) {
    super(message);
  }
}
