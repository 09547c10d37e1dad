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

  private final EscrowProgram program;

  public EscrowInstructions(final EscrowProgram program) {
    this.program = program;
  }

  /** admin [w,s], config [w], mint, vault [w], system program, token program; data: tag, config bump, vault bump. */
  public TransactionInstruction initialize(final PublicKey admin, final PublicKey usdcMint) {
    final EscrowProgram.Pda config = program.config();
    final EscrowProgram.Pda vault = program.vault();
    return instruction(new byte[] {INITIALIZE, (byte) config.bump(), (byte) vault.bump()},
        writableSigner(admin), writable(config.address()), readonly(usdcMint), writable(vault.address()),
        readonly(EscrowProgram.SYSTEM_PROGRAM), readonly(EscrowProgram.TOKEN_PROGRAM));
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
