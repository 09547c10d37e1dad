package io.perpnet.escrow.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A market's parameters, the 64-byte MarketParams of escrow.h (in create_market and
 * update_market data and in the market account). Ratios in basis points, the funding cap in
 * parts per million per 8 hours, the staleness window in milliseconds.
 */
public record MarketConfig(
    int id, String symbol, int baseDecimals, int maxLeverage, int initialMarginBps, int maintenanceMarginBps,
    int takerFeeBps, int makerFeeBps, int liquidationFeeBps, int liquidatorShareBps, int maxOracleSpreadBps,
    int priceBandBps, int fundingCapPpm, long maxStalenessMs) {
  public static final int SIZE = 64;

  /**
   * The design's defaults: 5 bps taker, 2 bps maker, 0.5% liquidation fee split evenly,
   * maintenance half the initial margin, and the price band as wide as the program allows:
   * initial minus maintenance margin (1% at 50x), so no trade opens below maintenance at the oracle.
   */
  public static MarketConfig defaults(final int id, final String symbol, final int baseDecimals, final int maxLeverage) {
    final int initial = (10_000 + maxLeverage - 1) / maxLeverage;
    final int maintenance = (initial + 1) / 2;
    return new MarketConfig(id, symbol, baseDecimals, maxLeverage, initial, maintenance, 5, 2, 50, 5_000, 100,
        initial - maintenance, 10_000, 60_000);
  }

  public static final MarketConfig BTC_PERP = defaults(1, "BTC-PERP", 8, 50);
  public static final MarketConfig ETH_PERP = defaults(2, "ETH-PERP", 9, 50);
  public static final MarketConfig SOL_PERP = defaults(3, "SOL-PERP", 9, 30);

  public byte[] encode() {
    final ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(id).put((byte) baseDecimals).put((byte) 0).putShort((short) maxLeverage).putShort((short) initialMarginBps)
        .putShort((short) maintenanceMarginBps).putShort((short) takerFeeBps).putShort((short) makerFeeBps)
        .putShort((short) liquidationFeeBps).putShort((short) liquidatorShareBps).putShort((short) maxOracleSpreadBps)
        .putShort((short) priceBandBps).putInt(fundingCapPpm).putInt(0).putLong(maxStalenessMs);
    final byte[] name = symbol.getBytes(StandardCharsets.US_ASCII);
    if (name.length > 16) {
      throw new IllegalArgumentException("market symbols have at most 16 ASCII characters");
    }
    b.put(Arrays.copyOf(name, 16));
    return b.array();
  }

  public static MarketConfig decode(final byte[] data, final int offset) {
    final ByteBuffer b = ByteBuffer.wrap(data, offset, SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
    final byte[] name = Arrays.copyOfRange(data, offset + 40, offset + 56);
    int end = 0;
    while (end < name.length && name[end] != 0) {
      end++;
    }
    return new MarketConfig(b.getInt(0), new String(name, 0, end, StandardCharsets.US_ASCII), b.get(4) & 0xFF,
        b.getShort(6) & 0xFFFF, b.getShort(8) & 0xFFFF, b.getShort(10) & 0xFFFF, b.getShort(12) & 0xFFFF,
        b.getShort(14) & 0xFFFF, b.getShort(16) & 0xFFFF, b.getShort(18) & 0xFFFF, b.getShort(20) & 0xFFFF,
        b.getShort(22) & 0xFFFF, b.getInt(24), b.getLong(32));
  }
}
