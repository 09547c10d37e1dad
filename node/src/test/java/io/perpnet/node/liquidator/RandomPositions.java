package io.perpnet.node.liquidator;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.p2p.solanaj.core.PublicKey;

/** Seeded random open positions of BTC-PERP around a price, as the program could hold them. */
public final class RandomPositions {
  public static final MarketConfig MARKET = MarketConfig.BTC_PERP;
  public static final long PRICE = 70_000_000_000L;
  public static final long NOW = 1_767_225_600_000L;
  private static final PublicKey SOMEONE = new PublicKey(new byte[32]);

  private RandomPositions() {}

  public static List<PositionBook.Entry> of(final long seed, final int count) {
    final SplittableRandom r = new SplittableRandom(seed);
    final List<PositionBook.Entry> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      final long size = r.nextLong(10_000, 500_000_000); // 0.0001 to 5 BTC
      final long entry = PRICE + r.nextLong(-PRICE / 100, PRICE / 100);
      final long notional = size * (entry / 1_000_000) / 100; // about, in USDC base units
      final long traderMargin = notional / r.nextInt(1, 51) + r.nextLong(0, 1_000_000);
      final long makerMargin = notional / r.nextInt(1, 51) + r.nextLong(0, 1_000_000);
      final int funding = r.nextInt(4) == 0 ? 0 : r.nextInt(-20_000, 20_000);
      final long funded = NOW - r.nextLong(0, 8L * 3_600_000);
      final byte[] address = new byte[32];
      r.nextBytes(address);
      out.add(new PositionBook.Entry(address, new EscrowAccounts.Position(r.nextInt(2), false, MARKET.id(),
          new byte[32], SOMEONE, SOMEONE, size, entry, traderMargin, makerMargin, funding, funded, funded, 255)));
    }
    return out;
  }
}
