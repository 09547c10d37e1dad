package io.perpnet.node.fills;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fees and funding added up, per market and in all, from our fills and the funding our open
 * positions have settled so far (their margin now minus at open). Fees are what we paid (all
 * positive); funding is split into what we paid and what we received. USDC units, checked.
 */
public final class Ledger {
  /** One market's (or all markets') sums. */
  public record Sums(long openFees, long closeFees, long liquidationFees, long fundingPaid, long fundingReceived) {
    static final Sums ZERO = new Sums(0, 0, 0, 0, 0);

    public long fees() {
      return Math.addExact(Math.addExact(openFees, closeFees), liquidationFees);
    }

    public long fundingNet() {
      return Math.subtractExact(fundingReceived, fundingPaid);
    }

    Sums plus(final Sums o) {
      return new Sums(Math.addExact(openFees, o.openFees), Math.addExact(closeFees, o.closeFees),
          Math.addExact(liquidationFees, o.liquidationFees), Math.addExact(fundingPaid, o.fundingPaid),
          Math.addExact(fundingReceived, o.fundingReceived));
    }

    static Sums funding(final long amount) {
      return amount >= 0 ? new Sums(0, 0, 0, 0, amount) : new Sums(0, 0, 0, Math.negateExact(amount), 0);
    }
  }

  private final TreeMap<Integer, Sums> byMarket = new TreeMap<>();

  /** @param openFunding one entry per open position: its market and the funding it has settled so far (to us; negative: from us) */
  public static Ledger of(final Collection<Fill> fills, final Collection<Map.Entry<Integer, Long>> openFunding) {
    final Ledger l = new Ledger();
    for (final Fill f : fills) {
      final Sums s = switch (f.kind()) {
        case OPEN -> new Sums(f.fee(), 0, 0, 0, 0);
        case LIQUIDATED -> new Sums(0, 0, f.fee(), 0, 0).plus(Sums.funding(f.funding()));
        default -> new Sums(0, f.fee(), 0, 0, 0).plus(Sums.funding(f.funding()));
      };
      l.add(f.market(), s);
    }
    openFunding.forEach(e -> l.add(e.getKey(), Sums.funding(e.getValue())));
    return l;
  }

  private void add(final int market, final Sums s) {
    byMarket.merge(market, s, Sums::plus);
  }

  public Map<Integer, Sums> byMarket() {
    return java.util.Collections.unmodifiableMap(byMarket);
  }

  public Sums total() {
    return byMarket.values().stream().reduce(Sums.ZERO, Sums::plus);
  }
}
