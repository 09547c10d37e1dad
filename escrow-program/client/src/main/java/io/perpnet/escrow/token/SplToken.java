package io.perpnet.escrow.token;

import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowProgram;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * The few SPL Token and System instructions a local network needs to set up a USDC mint and
 * accounts: create a mint (6 decimals, the authority mints), create a token account with an
 * amount minted into it, read a balance. For tests and the devnet; a real cluster has its USDC.
 */
public final class SplToken {
  private final EscrowClient client;
  private final SolanaRpc rpc;
  private final Ed25519KeyPair authority;

  public SplToken(final EscrowClient client, final SolanaRpc rpc, final Ed25519KeyPair authority) {
    this.client = client;
    this.rpc = rpc;
    this.authority = authority;
  }

  /** A new mint with 6 decimals whose mint authority is {@code authority}. */
  public PublicKey createMint() throws RpcError {
    final Ed25519KeyPair mint = Ed25519KeyPair.generate();
    final ByteBuffer init = ByteBuffer.allocate(35).order(ByteOrder.LITTLE_ENDIAN);
    init.put((byte) 20).put((byte) 6).put(authority.publicKey().bytes()).put((byte) 0); // InitializeMint2
    client.send(List.of(createAccount(mint, 82),
        new TransactionInstruction(EscrowProgram.TOKEN_PROGRAM, List.of(new AccountMeta(EscrowClient.key(mint), false, true)),
            init.array())), authority, mint);
    return EscrowClient.key(mint);
  }

  /** A new token account of {@code mint} owned by {@code owner}, holding {@code amount} freshly minted. */
  public PublicKey createAccount(final PublicKey mint, final PublicKey owner, final long amount) throws RpcError {
    final Ed25519KeyPair account = Ed25519KeyPair.generate();
    final PublicKey address = EscrowClient.key(account);
    final ByteBuffer init = ByteBuffer.allocate(33).put((byte) 18).put(owner.toByteArray()); // InitializeAccount3
    final TransactionInstruction initialize = new TransactionInstruction(EscrowProgram.TOKEN_PROGRAM,
        List.of(new AccountMeta(address, false, true), new AccountMeta(mint, false, false)), init.array());
    if (amount == 0) {
      client.send(List.of(createAccount(account, 165), initialize), authority, account);
    } else {
      client.send(List.of(createAccount(account, 165), initialize, mintTo(mint, address, amount)), authority, account);
    }
    return address;
  }

  public long balance(final PublicKey tokenAccount) throws RpcError {
    return EscrowAccounts.tokenAmount(rpc.accountData(tokenAccount.toByteArray()).orElseThrow());
  }

  private TransactionInstruction mintTo(final PublicKey mint, final PublicKey to, final long amount) {
    final byte[] data = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 7).putLong(amount).array();
    return new TransactionInstruction(EscrowProgram.TOKEN_PROGRAM, List.of(new AccountMeta(mint, false, true),
        new AccountMeta(to, false, true), new AccountMeta(EscrowClient.key(authority), true, false)), data);
  }

  private TransactionInstruction createAccount(final Ed25519KeyPair account, final long space) throws RpcError {
    final ByteBuffer data = ByteBuffer.allocate(52).order(ByteOrder.LITTLE_ENDIAN);
    data.putInt(0).putLong(rpc.minimumBalanceForRentExemption(space)).putLong(space).put(EscrowProgram.TOKEN_PROGRAM.toByteArray());
    return new TransactionInstruction(EscrowProgram.SYSTEM_PROGRAM, List.of(
        new AccountMeta(EscrowClient.key(authority), true, true), new AccountMeta(EscrowClient.key(account), true, true)),
        data.array());
  }
}
