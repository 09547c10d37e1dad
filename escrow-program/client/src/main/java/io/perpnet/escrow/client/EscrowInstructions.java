package io.perpnet.escrow.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/** Instruction builders mirroring escrow.h: data is a u8 tag then little-endian fields; accounts in order. */
public final class EscrowInstructions {
  public static final int INITIALIZE = 0;
  public static final int CREATE_MARGIN = 1;
  public static final int DEPOSIT = 2;
  public static final int WITHDRAW = 3;
  public static final int CREATE_MARKET = 4;
  public static final int UPDATE_MARKET = 5;
  public static final int SET_ORACLES = 6;
  public static final int POST_PRICES = 7;
  public static final int OPEN_POSITION = 8;
  public static final int SETTLE_FUNDING = 9;
  public static final int CLOSE_AT_MARK = 10;
  public static final int CLOSE_MUTUAL = 11;
  public static final int LIQUIDATE = 12;
  public static final int SET_PAUSED = 13;
  public static final PublicKey INSTRUCTIONS_SYSVAR = new PublicKey("Sysvar1nstructions1111111111111111111111111");

  private final EscrowProgram program;

  public EscrowInstructions(final EscrowProgram program) {
    this.program = program;
  }

  /**
   * admin [w,s] (the program's upgrade authority), config [w], mint, vault [w], system program,
   * token program, the program, its ProgramData; data: tag, config bump, vault bump (canonical).
   */
  public TransactionInstruction initialize(final PublicKey admin, final PublicKey usdcMint) {
    final EscrowProgram.Pda config = program.config();
    final EscrowProgram.Pda vault = program.vault();
    return instruction(new byte[] {INITIALIZE, (byte) config.bump(), (byte) vault.bump()},
        writableSigner(admin), writable(config.address()), readonly(usdcMint), writable(vault.address()),
        readonly(EscrowProgram.SYSTEM_PROGRAM), readonly(EscrowProgram.TOKEN_PROGRAM), readonly(program.programId()),
        readonly(program.programData()));
  }

  /** owner [w,s], margin [w], system program; data: tag, margin bump. */
  public TransactionInstruction createMargin(final PublicKey owner) {
    final EscrowProgram.Pda margin = program.margin(owner);
    return instruction(new byte[] {CREATE_MARGIN, (byte) margin.bump()},
        writableSigner(owner), writable(margin.address()), readonly(EscrowProgram.SYSTEM_PROGRAM));
  }

  /** owner [s], margin [w], config, source token account [w], vault [w], token program; data: tag, u64 amount. */
  public TransactionInstruction deposit(final PublicKey owner, final PublicKey source, final long amount) {
    return instruction(amountData(DEPOSIT, amount), signer(owner), writable(program.margin(owner).address()),
        readonly(program.config().address()), writable(source), writable(program.vault().address()),
        readonly(EscrowProgram.TOKEN_PROGRAM));
  }

  /** owner [s], margin [w], config, vault [w], destination token account [w], token program; data: tag, u64 amount. */
  public TransactionInstruction withdraw(final PublicKey owner, final PublicKey destination, final long amount) {
    return instruction(amountData(WITHDRAW, amount), signer(owner), writable(program.margin(owner).address()),
        readonly(program.config().address()), writable(program.vault().address()), writable(destination),
        readonly(EscrowProgram.TOKEN_PROGRAM));
  }

  /** admin [w,s], config, market PDA [w], system program; data: tag, bump, MarketParams. */
  public TransactionInstruction createMarket(final PublicKey admin, final MarketConfig market) {
    final EscrowProgram.Pda pda = program.market(market.id());
    final byte[] data = new byte[2 + MarketConfig.SIZE];
    data[0] = CREATE_MARKET;
    data[1] = (byte) pda.bump();
    System.arraycopy(market.encode(), 0, data, 2, MarketConfig.SIZE);
    return instruction(data, writableSigner(admin), readonly(program.config().address()), writable(pda.address()),
        readonly(EscrowProgram.SYSTEM_PROGRAM));
  }

  /** admin [s], config, market [w]; data: tag, MarketParams (the id cannot change). */
  public TransactionInstruction updateMarket(final PublicKey admin, final MarketConfig market) {
    final byte[] data = new byte[1 + MarketConfig.SIZE];
    data[0] = UPDATE_MARKET;
    System.arraycopy(market.encode(), 0, data, 1, MarketConfig.SIZE);
    return instruction(data, signer(admin), readonly(program.config().address()),
        writable(program.market(market.id()).address()));
  }

  /** admin [s], config [w]; data: tag, u8 threshold, u8 count, the keys. */
  public TransactionInstruction setOracles(final PublicKey admin, final int threshold, final List<PublicKey> oracles) {
    final ByteBuffer b = ByteBuffer.allocate(3 + 32 * oracles.size());
    b.put((byte) SET_ORACLES).put((byte) threshold).put((byte) oracles.size());
    oracles.forEach(o -> b.put(o.toByteArray()));
    return instruction(b.array(), signer(admin), writable(program.config().address()));
  }

  /**
   * market [w], config, instructions sysvar; data: tag, u8 count, the indices of the Ed25519
   * precompile instructions that carry the attestations in the same transaction.
   */
  public TransactionInstruction postPrices(final int marketId, final int[] precompileIndices) {
    final byte[] data = new byte[2 + precompileIndices.length];
    data[0] = POST_PRICES;
    data[1] = (byte) precompileIndices.length;
    for (int i = 0; i < precompileIndices.length; i++) {
      data[2 + i] = (byte) precompileIndices[i];
    }
    return instruction(data, writable(program.market(marketId).address()), readonly(program.config().address()),
        readonly(INSTRUCTIONS_SYSVAR));
  }

  /**
   * payer [w,s], config [w], market, trader margin [w], maker margin [w], position PDA [w],
   * instructions sysvar, system program; data: tag, the position bump the terms carry, and the
   * indices of the trader's and the maker's Ed25519 precompile instructions over the MatchTerms bytes.
   */
  public TransactionInstruction openPosition(final PublicKey payer, final int marketId, final EscrowProgram.Pda position,
      final PublicKey trader, final PublicKey maker, final int traderIndex, final int makerIndex) {
    return instruction(new byte[] {OPEN_POSITION, (byte) position.bump(), (byte) traderIndex, (byte) makerIndex},
        writableSigner(payer), writable(program.config().address()), readonly(program.market(marketId).address()),
        writable(program.margin(trader).address()), writable(program.margin(maker).address()),
        writable(position.address()), readonly(INSTRUCTIONS_SYSVAR), readonly(EscrowProgram.SYSTEM_PROGRAM));
  }

  /** position [w], market, trader margin [w], maker margin [w], config; data: tag. Anyone may submit. */
  public TransactionInstruction settleFunding(final int marketId, final EscrowProgram.Pda position, final PublicKey trader,
      final PublicKey maker) {
    return instruction(new byte[] {SETTLE_FUNDING}, writable(position.address()),
        readonly(program.market(marketId).address()), writable(program.margin(trader).address()),
        writable(program.margin(maker).address()), readonly(program.config().address()));
  }

  /** position [w], market, trader margin [w], maker margin [w], closer [s], config [w]; data: tag. */
  public TransactionInstruction closeAtMark(final int marketId, final EscrowProgram.Pda position, final PublicKey trader,
      final PublicKey maker, final PublicKey closer) {
    return instruction(new byte[] {CLOSE_AT_MARK}, writable(position.address()),
        readonly(program.market(marketId).address()), writable(program.margin(trader).address()),
        writable(program.margin(maker).address()), signer(closer), writable(program.config().address()));
  }

  /** position [w], market, trader margin [w], maker margin [w], instructions sysvar, config [w]; data: tag, two indices. */
  public TransactionInstruction closeMutual(final int marketId, final EscrowProgram.Pda position, final PublicKey trader,
      final PublicKey maker, final int traderIndex, final int makerIndex) {
    return instruction(new byte[] {CLOSE_MUTUAL, (byte) traderIndex, (byte) makerIndex},
        writable(position.address()), readonly(program.market(marketId).address()),
        writable(program.margin(trader).address()), writable(program.margin(maker).address()),
        readonly(INSTRUCTIONS_SYSVAR), writable(program.config().address()));
  }

  /** position [w], market, trader margin [w], maker margin [w], liquidator [s], liquidator's margin [w], config [w]. */
  public TransactionInstruction liquidate(final int marketId, final EscrowProgram.Pda position, final PublicKey trader,
      final PublicKey maker, final PublicKey liquidator) {
    return instruction(new byte[] {LIQUIDATE}, writable(position.address()),
        readonly(program.market(marketId).address()), writable(program.margin(trader).address()),
        writable(program.margin(maker).address()), signer(liquidator), writable(program.margin(liquidator).address()),
        writable(program.config().address()));
  }

  /** admin [s], config [w] (and market [w] to pause one market); data: tag, u8 paused. marketId null = everything. */
  public TransactionInstruction setPaused(final PublicKey admin, final Integer marketId, final boolean paused) {
    final byte[] data = {SET_PAUSED, (byte) (paused ? 1 : 0)};
    return marketId == null
        ? instruction(data, signer(admin), writable(program.config().address()))
        : instruction(data, signer(admin), writable(program.config().address()),
            writable(program.market(marketId).address()));
  }

  /** An instruction of this program with explicit accounts and data, for tools and attack tests. */
  public TransactionInstruction raw(final byte[] data, final AccountMeta... accounts) {
    return instruction(data, accounts);
  }

  private TransactionInstruction instruction(final byte[] data, final AccountMeta... accounts) {
    return new TransactionInstruction(program.programId(), List.of(accounts), data);
  }

  /** u8 tag, u64 LE amount (the amount's 64 bits as given: u64 values above 2^63 - 1 are allowed). */
  static byte[] amountData(final int tag, final long amount) {
    return ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) tag).putLong(amount).array();
  }

  public static AccountMeta writableSigner(final PublicKey k) {
    return new AccountMeta(k, true, true);
  }

  public static AccountMeta signer(final PublicKey k) {
    return new AccountMeta(k, true, false);
  }

  public static AccountMeta writable(final PublicKey k) {
    return new AccountMeta(k, false, true);
  }

  public static AccountMeta readonly(final PublicKey k) {
    return new AccountMeta(k, false, false);
  }
}
