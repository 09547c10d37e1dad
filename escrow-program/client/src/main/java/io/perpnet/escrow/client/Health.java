package io.perpnet.escrow.client;

import java.math.BigInteger;

/**
 * One side of a position at a mark price, by the program's own formulas (README, liquidate):
 * notional at mark = ceil(size x mark / 10^baseDecimals); the trader's PnL = floor(|mark - entry|
 * x size / 10^baseDecimals), positive when the price moved the trader's way, the maker's its
 * opposite; equity = the side's margin in the position + its PnL; maintenance = ceil(notional at
 * mark x maintenanceMarginBps / 10,000); liquidatable when equity is below maintenance. Funding not
 * yet settled on chain is not included (the program settles it first).
 *
 * @param liquidationPrice the mark at which this side becomes liquidatable, 6 decimals (0: none)
 */
public record Health(long equity, long maintenance, long notionalAtMark, long pnl, boolean liquidatable,
    long liquidationPrice) {
  private static final BigInteger TEN_K = BigInteger.valueOf(10_000);

  /** The side of {@code p} that is the trader's ({@code trader}) or the maker's, at {@code mark}. */
  public static Health of(final EscrowAccounts.Position p, final boolean trader, final long mark,
      final MarketConfig market) {
    final BigInteger scale = BigInteger.TEN.pow(market.baseDecimals());
    final BigInteger size = BigInteger.valueOf(p.size());
    final BigInteger notional = ceil(size.multiply(BigInteger.valueOf(mark)), scale);
    final BigInteger move = BigInteger.valueOf(Math.abs(mark - p.entryPrice())).multiply(size).divide(scale);
    final boolean traderLong = p.side() == 0;
    final boolean traderGains = traderLong ? mark > p.entryPrice() : mark < p.entryPrice();
    final BigInteger traderPnl = traderGains ? move : move.negate();
    final BigInteger pnl = trader ? traderPnl : traderPnl.negate();
    final BigInteger equity = BigInteger.valueOf(trader ? p.traderMargin() : p.makerMargin()).add(pnl);
    final BigInteger maintenance = ceil(notional.multiply(BigInteger.valueOf(market.maintenanceMarginBps())), TEN_K);
    final boolean weAreLong = trader == traderLong;
    return new Health(equity.longValueExact(), maintenance.longValueExact(), notional.longValueExact(),
        pnl.longValueExact(), equity.compareTo(maintenance) < 0,
        liquidationPrice(p, trader ? p.traderMargin() : p.makerMargin(), weAreLong, market));
  }

  /**
   * Solves margin + (p - entry) x size / 10^d = p x size / 10^d x mm / 10^4 for p (a long; a short
   * mirrors it), rounded towards the entry so the side is liquidatable at or beyond it.
   */
  static long liquidationPrice(final EscrowAccounts.Position p, final long margin, final boolean weAreLong,
      final MarketConfig market) {
    final BigInteger scale = BigInteger.TEN.pow(market.baseDecimals());
    final BigInteger size = BigInteger.valueOf(p.size());
    final BigInteger mm = BigInteger.valueOf(market.maintenanceMarginBps());
    final BigInteger marginScaled = BigInteger.valueOf(margin).multiply(scale).multiply(TEN_K);
    final BigInteger entryTerm = BigInteger.valueOf(p.entryPrice()).multiply(size).multiply(TEN_K);
    if (weAreLong) { // p x size x (10^4 - mm) = (entry x size - margin x 10^d) x 10^4
      final BigInteger num = entryTerm.subtract(marginScaled);
      final BigInteger den = size.multiply(TEN_K.subtract(mm));
      return num.signum() <= 0 || den.signum() <= 0 ? 0 : ceil(num, den).longValueExact();
    }
    // p x size x (10^4 + mm) = (entry x size + margin x 10^d) x 10^4
    final BigInteger num = entryTerm.add(marginScaled);
    final BigInteger den = size.multiply(TEN_K.add(mm));
    return den.signum() <= 0 ? 0 : num.divide(den).longValueExact();
  }

  private static BigInteger ceil(final BigInteger a, final BigInteger b) {
    final BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
  }
}
