package io.perpnet.escrow.client;

import java.util.List;
import java.util.Optional;

/**
 * How a close settled, read from the two log lines every close_at_mark, close_mutual and
 * liquidate writes (escrow.h, {@code LOG_TAG_CLOSE}; sol_log_64_ prints
 * {@code "Program log: 0x.., 0x.., 0x.., 0x.., 0x.."}):
 *
 * <pre>
 *   a = "CLOS" &lt;&lt; 32 | trader wins (bit 0) | fee payer &lt;&lt; 1 (0 none, 1 trader, 2 maker) | instruction &lt;&lt; 8
 *   b = price, c = PnL paid to the winner, d = fee taken, e = of which from the insurance fund
 *   a = "MRGN" &lt;&lt; 32, b = trader's margin after funding, c = maker's, d = trader's final amount, e = maker's
 * </pre>
 *
 * <p>The position's margins are zero after a close, so the transaction is the only place that
 * says what funding it settled and what each side got. All amounts in USDC units (10^-6).
 */
public record Settlement(How how, boolean traderWins, FeePayer feePayer, long price, long pnl, long fee, long fromInsurance,
    long traderMargin, long makerMargin, long traderFinal, long makerFinal) {
  public static final long TAG_CLOSE = 0x434c4f53_00000000L;
  public static final long TAG_MARGINS = 0x4d52474e_00000000L;
  private static final long TAG_MASK = 0xffffffff_00000000L;
  private static final String PREFIX = "Program log: ";

  /** Which instruction closed the position (its tag: 10, 11, 12). */
  public enum How {
    AT_MARK(10), MUTUAL(11), LIQUIDATED(12);

    private final int tag;

    How(final int tag) {
      this.tag = tag;
    }

    static How ofTag(final int tag) {
      for (final How h : values()) {
        if (h.tag == tag) {
          return h;
        }
      }
      throw new IllegalArgumentException("settlement log names instruction " + tag);
    }
  }

  /** Who paid the closing fee: the closer of close_at_mark (taker fee), the liquidated side, or nobody (mutual). */
  public enum FeePayer { NONE, TRADER, MAKER }

  /** The settlement in a transaction's log messages, if it closed a position. */
  public static Optional<Settlement> fromLogs(final List<String> logs) {
    long[] close = null;
    long[] margins = null;
    for (final String line : logs) {
      final long[] v = values(line);
      if (v == null) {
        continue;
      }
      if ((v[0] & TAG_MASK) == TAG_CLOSE && close == null) {
        close = v;
      } else if (v[0] == TAG_MARGINS && margins == null) {
        margins = v;
      }
    }
    if (close == null || margins == null) {
      return Optional.empty();
    }
    final int payer = (int) ((close[0] >>> 1) & 3);
    if (payer > 2) {
      throw new IllegalArgumentException("settlement log names fee payer " + payer);
    }
    return Optional.of(new Settlement(How.ofTag((int) ((close[0] >>> 8) & 0xff)), (close[0] & 1) == 1, FeePayer.values()[payer], close[1], close[2], close[3],
        close[4], margins[1], margins[2], margins[3], margins[4]));
  }

  /** The five u64 of a sol_log_64_ line, or null when the line is not one. */
  private static long[] values(final String line) {
    if (!line.startsWith(PREFIX)) {
      return null;
    }
    final String[] parts = line.substring(PREFIX.length()).split(", ");
    if (parts.length != 5) {
      return null;
    }
    final long[] out = new long[5];
    for (int i = 0; i < 5; i++) {
      if (!parts[i].startsWith("0x") || parts[i].length() < 3 || parts[i].length() > 18) {
        return null;
      }
      try {
        out[i] = Long.parseUnsignedLong(parts[i].substring(2), 16);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return out;
  }

  /** A side's result of the close: its PnL, signed (a loss negative). */
  public long pnlOf(final boolean trader) {
    return trader == traderWins ? pnl : -pnl;
  }

  /** The fee the side paid at this close (taker fee at mark, or liquidation fee). */
  public long feeOf(final boolean trader) {
    return feePayer == (trader ? FeePayer.TRADER : FeePayer.MAKER) ? fee : 0;
  }

  /** The side's margin after funding was settled, before PnL: with its margin at open, its funding. */
  public long marginOf(final boolean trader) {
    return trader ? traderMargin : makerMargin;
  }

  /** What the side got back into free collateral. */
  public long finalOf(final boolean trader) {
    return trader ? traderFinal : makerFinal;
  }
}
