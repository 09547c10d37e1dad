package io.perpnet.sbf.linker;

/** The inputs cannot be linked; the message names the object, the section or symbol, and the reason. */
public final class LinkException extends Exception {
  public LinkException(final String message) {
    super(message);
  }
}
