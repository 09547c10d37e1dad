package io.perpnet.consensus.message;

import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;

/** The trader's side of a trade (u8 on the wire); the market maker takes the other. */
public enum Side {
  LONG(0),
  SHORT(1);

  private final int code;

  Side(final int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public Side opposite() {
    return this == LONG ? SHORT : LONG;
  }

  static Side decode(final int code) throws RejectedException {
    return switch (code) {
      case 0 -> LONG;
      case 1 -> SHORT;
      default -> throw new RejectedException(Rejection.INVALID_SIDE, "side " + code);
    };
  }
}
