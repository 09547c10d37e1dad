package io.perpnet.node.liquidator;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import java.math.BigInteger;

/**
 * Whether the program's liquidate would liquidate a position at a mark price and a time, by its
 * own formulas in its own order (escrow-program/program/src/positions.c and liquidate.c):
 * {@link Funding} is accrued first; then with
 * {@code pnl = floor(|mark - entry| x size / 10^d)} (beyond 64 bits: u64 max) and {@code
 * maintenance = ceil(ceil(size x mark / 10^d) x maintenanceBps / 10^4)}, a side is down when its
 * margin plus its signed PnL is below maintenance. Exact, in 128-bit arithmetic; unsigned as on
 * chain.
 *
 * @param notional the position's notional at mark, USDC base units
 * @param fee the liquidation fee the down side owes, {@code ceil(notional x feeBps / 10^4)}
 * @param reward the liquidator's share of what the down side can pay of that fee
 */
public record Liquidation(boolean traderDown, boolean makerDown, long notional, long fee, long reward) {
  private static final BigInteger U64_MAX = Funding.U64_MAX;
  private static final BigInteger TEN_K = BigInteger.valueOf(10_000);

  public boolean liquidatable() {
    return traderDown || makerDown;
  }

  public static Liquidation at(final EscrowAccounts.Position p, final long mark, final MarketConfig m, final long nowMs) {
    final BigInteger scale = BigInteger.TEN.pow(m.baseDecimals());
    final BigInteger size = u64(p.size());
    final BigInteger notional = ceil(size.multiply(u64(mark)), scale);
    final Funding funding = Funding.accrued(p, notional, m, nowMs);
    final BigInteger traderMargin = funding.traderPays() ? u64(p.traderMargin()).subtract(funding.paid())
        : u64(p.traderMargin()).add(funding.paid());
    final BigInteger makerMargin = funding.traderPays() ? u64(p.makerMargin()).add(funding.paid())
        : u64(p.makerMargin()).subtract(funding.paid());
    final long entry = p.entryPrice();
    final boolean traderWins = p.side() == 0 ? Long.compareUnsigned(mark, entry) > 0 : Long.compareUnsigned(mark, entry) < 0;
    final BigInteger move = u64(mark).subtract(u64(entry)).abs();
    final BigInteger pnl = move.multiply(size).divide(scale).min(U64_MAX);
    final BigInteger maintenance = ceil(notional.multiply(BigInteger.valueOf(m.maintenanceMarginBps())), TEN_K);
    final boolean traderDown = below(traderMargin, pnl, traderWins, maintenance);
    final boolean makerDown = below(makerMargin, pnl, !traderWins, maintenance);
    final BigInteger fee = ceil(notional.multiply(BigInteger.valueOf(m.liquidationFeeBps())), TEN_K);
    BigInteger reward = BigInteger.ZERO;
    if (traderDown || makerDown) {
      final BigInteger margin = traderDown ? traderMargin : makerMargin;
      final boolean gains = traderDown == traderWins;
      final BigInteger left = gains ? margin.add(pnl) : margin.subtract(pnl).max(BigInteger.ZERO);
      reward = fee.min(left).multiply(BigInteger.valueOf(m.liquidatorShareBps())).divide(TEN_K);
    }
    return new Liquidation(traderDown, makerDown, clamp(notional), clamp(fee), clamp(reward));
  }

  private static boolean below(final BigInteger margin, final BigInteger pnl, final boolean gains,
      final BigInteger maintenance) {
    if (gains) {
      final BigInteger equity = margin.add(pnl);
      return equity.compareTo(U64_MAX) <= 0 && equity.compareTo(maintenance) < 0;
    }
    return pnl.compareTo(margin) > 0 || margin.subtract(pnl).compareTo(maintenance) < 0;
  }

  private static BigInteger u64(final long v) {
    return Funding.u64(v);
  }

  private static BigInteger ceil(final BigInteger a, final BigInteger b) {
    return Funding.ceil(a, b);
  }

  private static long clamp(final BigInteger v) {
    return v.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }
}
