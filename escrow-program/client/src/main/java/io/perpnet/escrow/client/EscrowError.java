package io.perpnet.escrow.client;

/** The program's Custom(n) errors, numbered as in escrow.h (append only). */
public enum EscrowError {
  INVALID_INSTRUCTION(1),
  NOT_ENOUGH_ACCOUNTS(2),
  MISSING_SIGNATURE(3),
  NOT_WRITABLE(4),
  WRONG_ACCOUNT_OWNER(5),
  INVALID_PDA(6),
  WRONG_ACCOUNT_TYPE(7),
  WRONG_MINT(8),
  WRONG_VAULT(9),
  WRONG_PROGRAM(10),
  INSUFFICIENT_FREE(11),
  OVERFLOW(12),
  ZERO_AMOUNT(13),
  DUPLICATE_ACCOUNT(14),
  NOT_OWNER(15),
  PAUSED(16),
  TOO_MANY_ACCOUNTS(17),
  NOT_ADMIN(18),
  INVALID_MARKET_PARAMS(19),
  INVALID_ORACLE_SET(20),
  NOT_A_PRECOMPILE(21),
  BAD_ATTESTATION(22),
  WRONG_PROGRAM_BINDING(23),
  WRONG_MARKET(24),
  UNKNOWN_ORACLE(25),
  DUPLICATE_ORACLE(26),
  STALE_PRICE(27),
  FUTURE_PRICE(28),
  INSUFFICIENT_QUORUM(29),
  SPREAD_TOO_WIDE(30),
  STALE_ORACLE(31),
  EXPIRED(32),
  PRICE_OUTSIDE_BAND(33),
  LEVERAGE(34),
  MARGIN_TOO_LOW(35),
  INSUFFICIENT_COLLATERAL(36),
  WRONG_SIGNER(37),
  BAD_TERMS(38),
  POSITION_CLOSED(39),
  WRONG_POSITION(40),
  NOT_A_PARTY(41),
  BAD_CLOSE_TERMS(42),
  NOT_LIQUIDATABLE(43),
  NOT_UPGRADE_AUTHORITY(44),
  CLOSE_BEYOND_MARGIN(45),
  ACCOUNT_EXISTS(46);

  private final int code;

  EscrowError(final int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The error with this code, or null for a code the program does not define. */
  public static EscrowError of(final long code) {
    for (final EscrowError e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    return null;
  }
}
