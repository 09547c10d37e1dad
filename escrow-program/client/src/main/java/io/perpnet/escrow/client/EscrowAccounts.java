package io.perpnet.escrow.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.p2p.solanaj.core.PublicKey;

/** Decoders for the program's accounts (layouts in escrow-program/program/README.md and escrow.h). */
public final class EscrowAccounts {
  public static final long CONFIG_DISCRIMINATOR = 0x464e4f4350524550L; // "PERPCONF"
  public static final long MARGIN_DISCRIMINATOR = 0x4e47524d50524550L; // "PERPMRGN"
  public static final int CONFIG_SIZE = 512;
  public static final int MARGIN_SIZE = 96;
  public static final long MARKET_DISCRIMINATOR = 0x544b524d50524550L; // "PERPMRKT"
  public static final int MARKET_SIZE = 264;
  /** Oracle slots: each oracle's latest attested price and its publish time, by index in the config's set. */
  public static final int MARKET_OFF_ORACLE_SLOTS = 104;
  public static final int MAX_ORACLES = 10;

  public static final long POSITION_DISCRIMINATOR = 0x4e534f5050524550L; // "PERPPOSN"
  public static final int POSITION_SIZE = 192;
  /** Where a position holds its match id and its trader's and maker's keys (for getProgramAccounts filters). */
  public static final int POSITION_OFF_MATCH_ID = 16;
  public static final int POSITION_OFF_TRADER = 48;
  public static final int POSITION_OFF_MAKER = 80;

  /** A position: one match, its two sides' locked margins and funding terms. */
  public record Position(int side, boolean closed, int market, byte[] matchId, PublicKey trader, PublicKey maker,
      long size, long entryPrice, long traderMargin, long makerMargin, int fundingPpm, long openedMs,
      long fundedUntilMs, int bump) {}

  public static Position position(final byte[] data) {
    final ByteBuffer b = check(data, POSITION_SIZE, POSITION_DISCRIMINATOR, "position");
    return new Position(b.get(10) & 0xFF, b.get(11) != 0, b.getInt(12), Arrays.copyOfRange(data, POSITION_OFF_MATCH_ID, POSITION_OFF_TRADER),
        key(data, POSITION_OFF_TRADER), key(data, POSITION_OFF_MAKER), b.getLong(112), b.getLong(120), b.getLong(128), b.getLong(136), b.getInt(144), b.getLong(152),
        b.getLong(160), b.get(9) & 0xFF);
  }

  /** One oracle's latest attested price in a market (zero time: none yet). */
  public record OracleSlot(long price, long publishTimeMs) {}

  /**
   * A market: its parameters, the mark (the median of the oracles' fresh latest prices) with the
   * oldest publish time among them, and each oracle's latest price by its index in the set.
   */
  public record Market(int version, int bump, boolean paused, MarketConfig config, long price, long priceTimeMs,
      long oracleEpoch, java.util.List<OracleSlot> oracleSlots) {}

  public static Market market(final byte[] data) {
    final ByteBuffer b = check(data, MARKET_SIZE, MARKET_DISCRIMINATOR, "market");
    final java.util.List<OracleSlot> slots = new java.util.ArrayList<>();
    for (int i = 0; i < MAX_ORACLES; i++) {
      slots.add(new OracleSlot(b.getLong(MARKET_OFF_ORACLE_SLOTS + 16 * i), b.getLong(MARKET_OFF_ORACLE_SLOTS + 16 * i + 8)));
    }
    return new Market(b.get(8) & 0xFF, b.get(9) & 0xFF, b.get(10) != 0, MarketConfig.decode(data, 16), b.getLong(80),
        b.getLong(88), b.getLong(96), java.util.List.copyOf(slots));
  }

  private EscrowAccounts() {}

  /** The config account. */
  public record Config(int version, int bump, int vaultBump, boolean paused, PublicKey admin, PublicKey mint,
      PublicKey vault, long insuranceFund, long feeTreasury, long oracleEpoch, int oracleThreshold,
      java.util.List<PublicKey> oracles) {}

  /** An agent's margin account; amounts in USDC base units (u64, read with Long.compareUnsigned if huge). */
  public record Margin(int version, int bump, PublicKey owner, long free, long locked, long openPositions,
      long deposited) {}

  public static Config config(final byte[] data) {
    final ByteBuffer b = check(data, CONFIG_SIZE, CONFIG_DISCRIMINATOR, "config");
    final java.util.List<PublicKey> oracles = new java.util.ArrayList<>();
    for (int i = 0; i < (b.get(144) & 0xFF) && i < 10; i++) {
      oracles.add(key(data, 152 + 32 * i));
    }
    return new Config(b.get(8) & 0xFF, b.get(9) & 0xFF, b.get(10) & 0xFF, b.get(11) != 0, key(data, 16), key(data, 48),
        key(data, 80), b.getLong(112), b.getLong(120), b.getLong(128), b.get(145) & 0xFF, java.util.List.copyOf(oracles));
  }

  public static Margin margin(final byte[] data) {
    final ByteBuffer b = check(data, MARGIN_SIZE, MARGIN_DISCRIMINATOR, "margin account");
    return new Margin(b.get(8) & 0xFF, b.get(9) & 0xFF, key(data, 16), b.getLong(48), b.getLong(56), b.getLong(64),
        b.getLong(72));
  }

  /** The amount of an SPL token account (165 bytes; amount at offset 64). */
  public static long tokenAmount(final byte[] data) {
    if (data.length != 165) {
      throw new IllegalArgumentException("not an SPL token account: " + data.length + " bytes");
    }
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(64);
  }

  private static ByteBuffer check(final byte[] data, final int size, final long discriminator, final String what) {
    if (data.length != size) {
      throw new IllegalArgumentException("a " + what + " has " + size + " bytes, got " + data.length);
    }
    final ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getLong(0) != discriminator) {
      throw new IllegalArgumentException("not a " + what + ": wrong discriminator");
    }
    return b;
  }

  private static PublicKey key(final byte[] data, final int at) {
    return new PublicKey(Arrays.copyOfRange(data, at, at + 32));
  }
}
