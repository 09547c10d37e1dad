package io.perpnet.node.liquidator;

import io.perpnet.consensus.fixed.FixedPoint;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The positions of one market that the program would liquidate now, largest notional first. A
 * screen in double arithmetic sorts each position into clearly healthy (both sides above
 * maintenance by more than {@link #SCREEN_MARGIN} of the notional plus a few units, far beyond
 * the error of doubles), clearly liquidatable (a side below by as much), or close to the line;
 * only the close ones are decided exactly by {@link Liquidation#at} during the scan, and a clearly
 * liquidatable one gets its exact figures when it is attempted. The answer is exactly the
 * program's; the order, by the screen's notional, is the largest first up to a few units.
 */
public final class HealthScan {
  /** The screen's relative tolerance; doubles err by about 1e-15 relative here. */
  static final double SCREEN_MARGIN = 1e-9;
  static final double SCREEN_UNITS = 16;

  /** A position to liquidate; {@link #liquidation()} is what the program says about it (computed once, on demand). */
  public static final class Candidate {
    private final byte[] address;
    private final EscrowAccounts.Position position;
    private final double notional;
    private final long mark;
    private final MarketConfig market;
    private final long nowMs;
    private Liquidation liquidation;

    Candidate(final byte[] address, final EscrowAccounts.Position position, final double notional, final long mark,
        final MarketConfig market, final long nowMs, final Liquidation liquidation) {
      this.address = address;
      this.position = position;
      this.notional = notional;
      this.mark = mark;
      this.market = market;
      this.nowMs = nowMs;
      this.liquidation = liquidation;
    }

    public byte[] address() {
      return address;
    }

    public EscrowAccounts.Position position() {
      return position;
    }

    /** The oracle mark the position was found liquidatable at. */
    public long mark() {
      return mark;
    }

    /** The notional at mark as the screen computed it (for the order). */
    public double approximateNotional() {
      return notional;
    }

    public synchronized Liquidation liquidation() {
      if (liquidation == null) {
        liquidation = Liquidation.at(position, mark, market, nowMs);
      }
      return liquidation;
    }
  }

  /** What the screen makes of a position. */
  enum Screen { HEALTHY, LIQUIDATABLE, CLOSE }

  private HealthScan() {}

  public static List<Candidate> scan(final Iterable<PositionBook.Entry> positions, final long mark,
      final MarketConfig market, final long nowMs) {
    final double scale = FixedPoint.pow10(market.baseDecimals());
    final double mm = market.maintenanceMarginBps() / 10_000.0;
    final double cap = Integer.toUnsignedLong(market.fundingCapPpm());
    final List<Candidate> out = new ArrayList<>();
    for (final PositionBook.Entry e : positions) {
      final EscrowAccounts.Position p = e.position();
      switch (screen(p, mark, scale, mm, cap, nowMs)) {
        case HEALTHY -> { }
        case LIQUIDATABLE -> out.add(new Candidate(e.address(), p, p.size() * (double) mark / scale, mark, market, nowMs,
            null));
        case CLOSE -> {
          final Liquidation l = Liquidation.at(p, mark, market, nowMs);
          if (l.liquidatable()) {
            out.add(new Candidate(e.address(), p, l.notional(), mark, market, nowMs, l));
          }
        }
      }
    }
    out.sort(Comparator.comparingDouble(Candidate::approximateNotional).reversed());
    return out;
  }

  static Screen screen(final EscrowAccounts.Position p, final long mark, final double scale, final double mm,
      final double cap, final long nowMs) {
    if (p.size() < 0 || mark < 0 || p.traderMargin() < 0 || p.makerMargin() < 0 || p.entryPrice() < 0
        || p.size() * (double) mark / scale > Long.MAX_VALUE / 2.0) {
      return Screen.CLOSE; // beyond 2^63 (or near it): let the exact path decide
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
    final double traderRoom = trader + traderPnl - maintenance;
    final double makerRoom = maker - traderPnl - maintenance;
    if (traderRoom > slack && makerRoom > slack) {
      return Screen.HEALTHY;
    }
    return traderRoom < -slack || makerRoom < -slack ? Screen.LIQUIDATABLE : Screen.CLOSE;
  }
}
