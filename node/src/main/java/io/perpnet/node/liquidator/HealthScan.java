package io.perpnet.node.liquidator;

import io.perpnet.consensus.fixed.FixedPoint;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The positions of one market that the program would liquidate now, largest notional first. Two
 * passes: a screen in double arithmetic finds the positions whose healthier side is clearly above
 * maintenance (by more than {@link #SCREEN_MARGIN} of the notional plus a few units, far beyond
 * the error of doubles), and only the rest, near or past the line, are decided exactly by
 * {@link Liquidation#at}. The screen never decides that a position is liquidatable, only that it
 * is clearly not; so the answer is exactly the program's.
 */
public final class HealthScan {
  /** The screen's relative tolerance; doubles err by about 1e-15 relative here. */
  static final double SCREEN_MARGIN = 1e-9;
  static final double SCREEN_UNITS = 16;

  /** A position to liquidate, with what the program says about it. */
  public record Candidate(byte[] address, EscrowAccounts.Position position, Liquidation liquidation) {}

  private HealthScan() {}

  public static List<Candidate> scan(final Iterable<PositionBook.Entry> positions, final long mark,
      final MarketConfig market, final long nowMs) {
    final double scale = FixedPoint.pow10(market.baseDecimals());
    final double mm = market.maintenanceMarginBps() / 10_000.0;
    final double cap = Integer.toUnsignedLong(market.fundingCapPpm());
    final List<Candidate> out = new ArrayList<>();
    for (final PositionBook.Entry e : positions) {
      final EscrowAccounts.Position p = e.position();
      if (clearlyHealthy(p, mark, scale, mm, cap, nowMs)) {
        continue;
      }
      final Liquidation l = Liquidation.at(p, mark, market, nowMs);
      if (l.liquidatable()) {
        out.add(new Candidate(e.address(), p, l));
      }
    }
    out.sort(Comparator.comparingLong((Candidate c) -> c.liquidation().notional()).reversed());
    return out;
  }

  static boolean clearlyHealthy(final EscrowAccounts.Position p, final long mark, final double scale, final double mm,
      final double cap, final long nowMs) {
    if (p.size() < 0 || mark < 0 || p.traderMargin() < 0 || p.makerMargin() < 0 || p.entryPrice() < 0) {
      return false; // beyond 2^63: let the exact path decide
    }
    final double size = p.size();
    final double notional = size * mark / scale;
    double trader = p.traderMargin();
    double maker = p.makerMargin();
    if (nowMs > p.fundedUntilMs()) {
      final double amount = notional * Math.min(Math.abs((double) p.fundingPpm()), cap) / 1e6
          * (nowMs - p.fundedUntilMs()) / FixedPoint.FUNDING_PERIOD_MS;
      if (p.fundingPpm() > 0) {
        final double paid = Math.min(amount, trader);
        trader -= paid;
        maker += paid;
      } else {
        final double paid = Math.min(amount, maker);
        maker -= paid;
        trader += paid;
      }
    }
    final double traderPnl = (p.side() == 0 ? (double) mark - p.entryPrice() : (double) p.entryPrice() - mark) * size
        / scale;
    final double maintenance = notional * mm;
    final double slack = notional * SCREEN_MARGIN + SCREEN_UNITS;
    return trader + traderPnl - maintenance > slack && maker - traderPnl - maintenance > slack;
  }
}
