package io.perpnet.escrow.client;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc;
import io.perpnet.escrow.tx.TransactionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * Sends escrow instructions and reads its accounts: builds, signs (BouncyCastle), sends with
 * preflight and waits for confirmation. A refused instruction surfaces as an {@link RpcError}
 * whose {@link RpcError#customError()} maps to an {@link EscrowError}, with the logs kept.
 */
public final class EscrowClient {
  private static final Duration CONFIRMATION = Duration.ofSeconds(30);

  private final SolanaRpc rpc;
  private final EscrowProgram program;
  private final EscrowInstructions instructions;

  public EscrowClient(final SolanaRpc rpc, final EscrowProgram program) {
    this.rpc = rpc;
    this.program = program;
    this.instructions = new EscrowInstructions(program);
  }

  public EscrowInstructions instructions() {
    return instructions;
  }

  public EscrowProgram program() {
    return program;
  }

  public String initialize(final Ed25519KeyPair admin, final PublicKey usdcMint) throws RpcError {
    return send(List.of(instructions.initialize(key(admin), usdcMint)), admin);
  }

  public String createMargin(final Ed25519KeyPair owner) throws RpcError {
    return send(List.of(instructions.createMargin(key(owner))), owner);
  }

  public String deposit(final Ed25519KeyPair owner, final PublicKey source, final long amount) throws RpcError {
    return send(List.of(instructions.deposit(key(owner), source, amount)), owner);
  }

  public String withdraw(final Ed25519KeyPair owner, final PublicKey destination, final long amount) throws RpcError {
    return send(List.of(instructions.withdraw(key(owner), destination, amount)), owner);
  }

  public Optional<EscrowAccounts.Margin> margin(final PublicKey owner) throws RpcError {
    return rpc.accountData(program.margin(owner).address().toByteArray()).map(EscrowAccounts::margin);
  }

  public Optional<EscrowAccounts.Config> config() throws RpcError {
    return rpc.accountData(program.config().address().toByteArray()).map(EscrowAccounts::config);
  }

  /** Signs with the payer (first) and the other signers, sends with preflight, waits for confirmation. */
  public String send(final List<TransactionInstruction> ixs, final Ed25519KeyPair payer, final Ed25519KeyPair... signers)
      throws RpcError {
    final byte[] wire = TransactionBuilder.build(ixs, rpc.latestBlockhash(), payer, signers);
    final String signature = rpc.sendTransaction(wire);
    rpc.awaitConfirmation(signature, CONFIRMATION);
    return signature;
  }

  public static PublicKey key(final Ed25519KeyPair k) {
    return new PublicKey(k.publicKey().bytes());
  }
}
