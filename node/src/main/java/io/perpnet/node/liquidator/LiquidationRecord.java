package io.perpnet.node.liquidator;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A liquidation our liquidator landed, as the {@code liquidations} column keeps it (by match id)
 * and the {@code liquidation.won} event carries it. Big-endian:
 *
 * <pre>
 * offset size field
 *   0     8   atMs       u64 when it landed (our clock)
 *   8     4   market     u32
 *  12    32   matchId    the position's match id
 *  44    32   position   the position's account address
 *  76     8   mark       u64 the oracle price it was liquidatable at (6 decimals)
 *  84     8   size       u64 base units
 *  92     1   down       0 the trader's side was under maintenance, 1 the maker's, 2 both
 *  93     8   reward     u64 USDC base units paid to us
 * 101         (end)
 * </pre>
 */
public record LiquidationRecord(long atMs, int market, byte[] matchId, byte[] position, long mark, long size, int down,
    long reward) {
  public static final int LENGTH = 101;

  public static LiquidationRecord of(final LiquidatorService.Attempt a, final boolean traderDown,
      final boolean makerDown) {
    return new LiquidationRecord(a.atMs(), a.account().market(), a.account().matchId(), a.position(), a.mark(),
        a.account().size(), traderDown && makerDown ? 2 : makerDown ? 1 : 0, a.reward());
  }

  public byte[] encode() {
    return ByteBuffer.allocate(LENGTH).putLong(atMs).putInt(market).put(matchId).put(position).putLong(mark)
        .putLong(size).put((byte) down).putLong(reward).array();
  }

  public static LiquidationRecord decode(final byte[] v) {
    if (v.length != LENGTH) {
      throw new IllegalArgumentException("a liquidation record is " + LENGTH + " bytes, not " + v.length);
    }
    final ByteBuffer b = ByteBuffer.wrap(v);
    final long at = b.getLong();
    final int market = b.getInt();
    final byte[] match = new byte[32];
    final byte[] position = new byte[32];
    b.get(match).get(position);
    return new LiquidationRecord(at, market, match, position, b.getLong(), b.getLong(), b.get(), b.getLong());
  }

  public String downSide() {
    return switch (down) {
      case 0 -> "trader";
      case 1 -> "maker";
      default -> "both";
    };
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof LiquidationRecord r && Arrays.equals(encode(), r.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}
