package io.perpnet.devnet.net;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.client.EscrowProgram;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc;
import io.perpnet.escrow.token.SplToken;
import java.time.Duration;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;

/**
 * A new devnet's chain state, made once by the admin: the USDC mint, the escrow's config, the
 * markets (BTC-PERP, ETH-PERP, SOL-PERP with the design's defaults), the oracle set (threshold 2),
 * and every agent funded: SOL for fees, USDC in a wallet, a margin account with a deposit.
 */
public final class Genesis {
  public static final long USDC = 1_000_000L;
  public static final List<MarketConfig> MARKETS = List.of(MarketConfig.BTC_PERP, MarketConfig.ETH_PERP,
      MarketConfig.SOL_PERP);
  public static final int ORACLE_THRESHOLD = 2;
  private static final long AIRDROP = 100_000_000_000L; // 100 SOL

  private final SolanaRpc rpc;
  private final EscrowClient client;
  private final Ed25519KeyPair admin;

  public Genesis(final String rpcUrl, final Ed25519KeyPair admin) {
    this(rpcUrl, admin, Validator.PROGRAM_ID);
  }

  /** On a cluster whose escrow is at {@code programId}. */
  public Genesis(final String rpcUrl, final Ed25519KeyPair admin, final String programId) {
    this.rpc = new SolanaRpc(rpcUrl);
    this.client = new EscrowClient(rpc, new EscrowProgram(new PublicKey(programId)));
    this.admin = admin;
  }

  /** Whether this chain already holds a devnet (the config account exists). */
  public boolean done() throws RpcError {
    return client.config().isPresent();
  }

  /** Mint, config, markets, oracles; returns the mint. */
  public PublicKey create(final List<Ed25519KeyPair> oracles) throws RpcError {
    fund(admin);
    final SplToken token = new SplToken(client, rpc, admin);
    final PublicKey mint = token.createMint();
    client.initialize(admin, mint);
    for (final MarketConfig m : MARKETS) {
      client.createMarket(admin, m);
    }
    client.setOracles(admin, ORACLE_THRESHOLD, oracles.stream().map(EscrowClient::key).toList());
    return mint;
  }

  /** SOL for fees; and with {@code deposit} above zero, a USDC wallet of {@code minted} and a margin account holding {@code deposit}. */
  public void onboard(final Ed25519KeyPair agent, final PublicKey mint, final long minted, final long deposit)
      throws RpcError {
    fund(agent);
    if (deposit <= 0) {
      return;
    }
    final PublicKey wallet = new SplToken(client, rpc, admin).createAccount(mint, EscrowClient.key(agent), minted);
    client.createMargin(agent);
    client.deposit(agent, wallet, deposit);
  }

  private void fund(final Ed25519KeyPair k) throws RpcError {
    rpc.awaitConfirmation(rpc.requestAirdrop(k.publicKey().bytes(), AIRDROP), Duration.ofSeconds(30));
  }

  public EscrowClient client() {
    return client;
  }
}
