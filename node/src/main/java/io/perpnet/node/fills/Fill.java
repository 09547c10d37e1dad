package io.perpnet.node.fills;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One execution against our margin account: the open or the close of one of our positions, with
 * what it cost and paid, as the {@code fills} column keeps it (key: match id, then 1 byte
 * {@link Kind#open()} 0 or 1) and the {@code fill} event carries it. Big-endian:
 *
 * <pre>
 * offset size field
 *   0    32   matchId    the position's match id
 *  32     1   kind       0 open, 1 closed at mark, 2 closed by agreement, 3 liquidated
 *  33     1   role       0 we are the trader, 1 the maker
 *  34     1   side       our side: 0 long, 1 short
 *  35     1   reserved   0
 *  36     4   market     u32
 *  40     8   size       u64 base units
 *  48     8   price      u64 6 decimals: the entry price, or the price it closed at
 *  56     8   fee        u64 USDC units we paid: the taker or maker fee at open, the taker fee of a
 *                        close at mark we sent, the liquidation fee when we were the side liquidated
 *  64     8   funding    i64 USDC units, closes only: what funding moved to us (negative: from us)
 *                        over the position's life, = our margin after funding - our margin at open
 *  72     8   pnl        i64 USDC units, closes only: our PnL at the closing price
 *  80     8   margin     u64 USDC units: our margin at open (the MatchTerms)
 *  88     8   returned   u64 USDC units, closes only: what came back to our free collateral
 *  96     8   atMs       u64 unix ms: the chain's clock at open; the block time of the close
 * 104    64   signature  the transaction (zero when it could not be found)
 * 168         (end)
 * </pre>
 *
 * <p>A close's figures are the program's own, read from the closing transaction's settlement log
 * (escrow-program's {@code Settlement}); the fee at open is the program's formula,
 * {@code ceil(ceil(size x price / 10^baseDecimals) x bps / 10,000)}, at the market's rates when
 * the node recorded it.
 */
public record Fill(byte[] matchId, Kind kind, boolean weAreMaker, boolean weAreLong, int market, long size,
    long price, long fee, long funding, long pnl, long margin, long returned, long atMs, byte[] signature) {
  public static final int LENGTH = 168;
  public static final int SIGNATURE_LENGTH = 64;

  /** How the fill came about. */
  public enum Kind {
    OPEN, CLOSED_AT_MARK, CLOSED_BY_AGREEMENT, LIQUIDATED;

    public boolean open() {
      return this == OPEN;
    }

    /** The API's name: {@code open}, {@code close_at_mark}, {@code close_mutual}, {@code liquidated}. */
    public String apiName() {
      return switch (this) {
        case OPEN -> "open";
        case CLOSED_AT_MARK -> "close_at_mark";
        case CLOSED_BY_AGREEMENT -> "close_mutual";
        case LIQUIDATED -> "liquidated";
      };
    }
  }

  public Fill {
    if (matchId.length != 32 || signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("a fill names a 32-byte match id and a 64-byte signature");
    }
  }

  /** The column's key: match id, then 0 for the open, 1 for the close. */
  public static byte[] key(final byte[] matchId, final boolean open) {
    return ByteBuffer.allocate(33).put(matchId).put((byte) (open ? 0 : 1)).array();
  }

  public byte[] key() {
    return key(matchId, kind.open());
  }

  public byte[] encode() {
    return ByteBuffer.allocate(LENGTH).put(matchId).put((byte) kind.ordinal()).put((byte) (weAreMaker ? 1 : 0))
        .put((byte) (weAreLong ? 0 : 1)).put((byte) 0).putInt(market).putLong(size).putLong(price).putLong(fee)
        .putLong(funding).putLong(pnl).putLong(margin).putLong(returned).putLong(atMs).put(signature).array();
  }

  public static Fill decode(final byte[] v) {
    if (v.length != LENGTH) {
      throw new IllegalArgumentException("a fill is " + LENGTH + " bytes, not " + v.length);
    }
    final ByteBuffer b = ByteBuffer.wrap(v);
    final byte[] match = new byte[32];
    b.get(match);
    final int kind = b.get();
    if (kind < 0 || kind >= Kind.values().length) {
      throw new IllegalArgumentException("unknown fill kind " + kind);
    }
    final boolean maker = b.get() == 1;
    final boolean longSide = b.get() == 0;
    b.get();
    final int market = b.getInt();
    final long size = b.getLong();
    final long price = b.getLong();
    final long fee = b.getLong();
    final long funding = b.getLong();
    final long pnl = b.getLong();
    final long margin = b.getLong();
    final long returned = b.getLong();
    final long at = b.getLong();
    final byte[] signature = new byte[SIGNATURE_LENGTH];
    b.get(signature);
    return new Fill(match, Kind.values()[kind], maker, longSide, market, size, price, fee, funding, pnl, margin,
        returned, at, signature);
  }

  /** Whether the transaction is known. */
  public boolean hasSignature() {
    for (final byte s : signature) {
      if (s != 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Fill f && Arrays.equals(encode(), f.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "Fill[" + kind.apiName() + " " + io.perpnet.consensus.codec.Bytes32.wrap(matchId).toHex() + " size=" + size
        + " price=" + price + " fee=" + fee + " funding=" + funding + " pnl=" + pnl + "]";
  }
}
