package io.perpnet.escrow.token;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowProgram;
import io.perpnet.escrow.rpc.AccountFilter;
import io.perpnet.escrow.rpc.KeyedAccount;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Comparator;
import java.util.List;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * An owner's SPL token accounts of one mint, found with getProgramAccounts on the Token program
 * (dataSize 165; mint at offset 0, owner at offset 32: the SPL Token account layout), and the
 * Token program's Transfer (instruction 3: u8 3, u64 amount little-endian; source [w],
 * destination [w], owner [s]).
 */
public final class TokenAccounts {
  public static final int ACCOUNT_SIZE = 165;
  static final int OFF_MINT = 0;
  static final int OFF_OWNER = 32;

  /** One token account and what it holds, in the mint's base units. */
  public record Holding(PublicKey address, long amount) {}

  private TokenAccounts() {}

  /** The owner's accounts of {@code mint}, the largest first. */
  public static List<Holding> of(final SolanaRpc rpc, final PublicKey mint, final PublicKey owner) throws RpcError {
    final List<KeyedAccount> found = rpc.programAccounts(EscrowProgram.TOKEN_PROGRAM.toByteArray(), List.of(
        new AccountFilter.DataSize(ACCOUNT_SIZE), new AccountFilter.Memcmp(OFF_MINT, mint.toByteArray()),
        new AccountFilter.Memcmp(OFF_OWNER, owner.toByteArray())));
    return found.stream().map(a -> new Holding(new PublicKey(a.address()), EscrowAccounts.tokenAmount(a.data())))
        .sorted(Comparator.comparingLong(Holding::amount).reversed()).toList();
  }

  public static TransactionInstruction transfer(final PublicKey from, final PublicKey to, final PublicKey owner,
      final long amount) {
    final byte[] data = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 3).putLong(amount).array();
    return new TransactionInstruction(EscrowProgram.TOKEN_PROGRAM, List.of(new AccountMeta(from, false, true),
        new AccountMeta(to, false, true), new AccountMeta(owner, true, false)), data);
  }
}
