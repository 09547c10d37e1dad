package io.perpnet.node.chain;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.token.SplToken;
import io.perpnet.escrow.token.TokenAccounts;
import java.util.List;
import java.util.Optional;
import org.p2p.solanaj.core.PublicKey;

/**
 * The agent's wallet outside the escrow: its SOL (fees) and its token accounts of the collateral
 * mint; and USDC transfers to another agent, by the agent's address: into the recipient's largest
 * USDC token account, or a new one this node creates (and pays the rent of) when it has none.
 */
public final class Wallet {
  /** What the wallet holds: USDC base units over all its token accounts, lamports, and the accounts. */
  public record Holdings(long usdc, long lamports, List<TokenAccounts.Holding> accounts) {}

  /** A transfer sent: its signature and the recipient's token account. */
  public record Transfer(String signature, PublicKey to) {}

  private final ChainService chain;
  private final Ed25519KeyPair self;
  private final PublicKey mint;

  public Wallet(final ChainService chain, final Ed25519KeyPair self, final byte[] mint) {
    this.chain = chain;
    this.self = self;
    this.mint = new PublicKey(mint);
  }

  public Holdings holdings() throws RpcError {
    final List<TokenAccounts.Holding> accounts = TokenAccounts.of(chain.rpc(), mint, EscrowClient.key(self));
    long usdc = 0;
    for (final TokenAccounts.Holding h : accounts) {
      usdc = Math.addExact(usdc, h.amount());
    }
    return new Holdings(usdc, chain.rpc().balance(self.publicKey().bytes()), accounts);
  }

  /** Our USDC token account holding the most, if we have one. */
  public Optional<TokenAccounts.Holding> largest() throws RpcError {
    return TokenAccounts.of(chain.rpc(), mint, EscrowClient.key(self)).stream().findFirst();
  }

  /**
   * Sends {@code amount} USDC base units from our largest token account to {@code owner}'s.
   *
   * @throws IllegalArgumentException if our largest account holds less (named in the message)
   */
  public Transfer transfer(final PublicKey owner, final long amount) throws RpcError {
    final TokenAccounts.Holding from = largest().orElseThrow(() ->
        new IllegalArgumentException("this agent holds no USDC token account"));
    if (from.amount() < amount) {
      throw new IllegalArgumentException("our largest USDC token account holds " + from.amount() + " base units");
    }
    final List<TokenAccounts.Holding> theirs = TokenAccounts.of(chain.rpc(), mint, owner);
    final PublicKey to = theirs.isEmpty()
        ? new SplToken(chain.client(), chain.rpc(), self).createAccount(mint, owner, 0)
        : theirs.getFirst().address();
    final String signature = chain.client().send(List.of(TokenAccounts.transfer(from.address(), to,
        EscrowClient.key(self), amount)), self);
    return new Transfer(signature, to);
  }
}
