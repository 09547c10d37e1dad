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
  private final RecentSignatures sent = new RecentSignatures(4_096);

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

  public String createMarket(final Ed25519KeyPair admin, final MarketConfig market) throws RpcError {
    return send(List.of(instructions.createMarket(key(admin), market)), admin);
  }

  public String updateMarket(final Ed25519KeyPair admin, final MarketConfig market) throws RpcError {
    return send(List.of(instructions.updateMarket(key(admin), market)), admin);
  }

  public String setOracles(final Ed25519KeyPair admin, final int threshold, final List<PublicKey> oracles)
      throws RpcError {
    return send(List.of(instructions.setOracles(key(admin), threshold, oracles)), admin);
  }

  /**
   * Posts signed price attestations: one Ed25519 precompile instruction per attestation (over its
   * exact consensus bytes), then post_prices naming them. Anyone may pay.
   */
  public String postPrices(final Ed25519KeyPair payer, final int marketId,
      final List<io.perpnet.consensus.message.Signed<io.perpnet.consensus.message.PriceAttestation>> attestations)
      throws RpcError {
    final List<TransactionInstruction> ixs = new java.util.ArrayList<>();
    final int[] indices = new int[attestations.size()];
    for (int i = 0; i < attestations.size(); i++) {
      final var a = attestations.get(i);
      ixs.add(io.perpnet.escrow.tx.Ed25519Precompile.verify(a.payload().oracle(), a.signature(0), a.bytes()));
      indices[i] = i;
    }
    ixs.add(instructions.postPrices(marketId, indices));
    return send(ixs, payer);
  }

  /**
   * Opens the position of doubly signed match terms: two Ed25519 precompile instructions over the
   * exact consensus bytes (trader's, then maker's), then open_position. Anyone may pay.
   */
  public String openPosition(final Ed25519KeyPair payer,
      final io.perpnet.consensus.message.Signed<io.perpnet.consensus.message.MatchTerms> match) throws RpcError {
    return openPosition(payer, match, io.perpnet.escrow.tx.ComputeBudget.NONE);
  }

  /** {@link #openPosition(Ed25519KeyPair, io.perpnet.consensus.message.Signed)} within {@code budget}. */
  public String openPosition(final Ed25519KeyPair payer,
      final io.perpnet.consensus.message.Signed<io.perpnet.consensus.message.MatchTerms> match,
      final io.perpnet.escrow.tx.ComputeBudget budget) throws RpcError {
    final var terms = match.payload();
    final int first = budget.instructions().size(); // the precompile checks follow the budget's instructions
    return send(budget.before(List.of(
        io.perpnet.escrow.tx.Ed25519Precompile.verify(terms.trader(), match.signature(0), match.bytes()),
        io.perpnet.escrow.tx.Ed25519Precompile.verify(terms.maker(), match.signature(1), match.bytes()),
        instructions.openPosition(key(payer), terms.header().market(), program.position(terms),
            new PublicKey(terms.trader().bytes()), new PublicKey(terms.maker().bytes()), first, first + 1))), payer);
  }

  /** Accrues the position's funding up to now and moves it between the two sides' margins. Anyone may pay. */
  public String settleFunding(final Ed25519KeyPair payer, final EscrowAccounts.Position position) throws RpcError {
    return send(List.of(instructions.settleFunding(position.market(), program.position(position), position.trader(),
        position.maker())), payer);
  }

  /** The trader or the maker closes at the oracle price and pays the taker fee. */
  public String closeAtMark(final Ed25519KeyPair closer, final EscrowAccounts.Position position) throws RpcError {
    return send(List.of(instructions.closeAtMark(position.market(), program.position(position), position.trader(),
        position.maker(), key(closer))), closer);
  }

  /** Both parties' signatures over CloseTerms close {@code position} at the agreed price. Anyone may pay. */
  public String closeMutual(final Ed25519KeyPair payer, final EscrowAccounts.Position position,
      final io.perpnet.consensus.message.Signed<io.perpnet.consensus.message.CloseTerms> close) throws RpcError {
    final var terms = close.payload();
    return send(List.of(
        io.perpnet.escrow.tx.Ed25519Precompile.verify(terms.trader(), close.signature(0), close.bytes()),
        io.perpnet.escrow.tx.Ed25519Precompile.verify(terms.maker(), close.signature(1), close.bytes()),
        instructions.closeMutual(terms.header().market(), program.position(position), new PublicKey(terms.trader().bytes()),
            new PublicKey(terms.maker().bytes()), 0, 1)), payer);
  }

  /** Liquidates an under-margined position at the oracle price; the liquidator needs a margin account. */
  public String liquidate(final Ed25519KeyPair liquidator, final EscrowAccounts.Position position) throws RpcError {
    return send(List.of(instructions.liquidate(position.market(), program.position(position), position.trader(),
        position.maker(), key(liquidator))), liquidator);
  }

  /** Pauses or resumes one market (new positions) or, with a null market, everything. Admin only. */
  public String setPaused(final Ed25519KeyPair admin, final Integer marketId, final boolean paused) throws RpcError {
    return send(List.of(instructions.setPaused(key(admin), marketId, paused)), admin);
  }

  public Optional<EscrowAccounts.Position> position(final byte[] matchId, final int bump) throws RpcError {
    return rpc.accountData(program.position(matchId, bump).address().toByteArray()).map(EscrowAccounts::position);
  }

  /** The position these doubly signed terms open (or opened). */
  public Optional<EscrowAccounts.Position> position(
      final io.perpnet.consensus.message.Signed<io.perpnet.consensus.message.MatchTerms> match) throws RpcError {
    return position(match.hash().bytes(), match.payload().positionBump());
  }

  public Optional<EscrowAccounts.Market> market(final int marketId) throws RpcError {
    return rpc.accountData(program.market(marketId).address().toByteArray()).map(EscrowAccounts::market);
  }

  public Optional<EscrowAccounts.Margin> margin(final PublicKey owner) throws RpcError {
    return rpc.accountData(program.margin(owner).address().toByteArray()).map(EscrowAccounts::margin);
  }

  public Optional<EscrowAccounts.Config> config() throws RpcError {
    return rpc.accountData(program.config().address().toByteArray()).map(EscrowAccounts::config);
  }

  /**
   * Signs with the payer (first) and the other signers, sends with preflight, waits for confirmation.
   * A failure carries the transaction's signature ({@link RpcError#signature()}), refused in
   * preflight or not.
   * The same instructions and signers under the same blockhash make the same transaction, which a
   * cluster runs only once: when this client already sent that signature (an admin pausing again
   * within one slot, say), it waits for the next blockhash instead of sending a duplicate.
   */
  public String send(final List<TransactionInstruction> ixs, final Ed25519KeyPair payer, final Ed25519KeyPair... signers)
      throws RpcError {
    String blockhash = rpc.latestBlockhash();
    byte[] wire = TransactionBuilder.build(ixs, blockhash, payer, signers);
    while (!sent.add(TransactionBuilder.signature(wire))) {
      blockhash = rpc.awaitNewBlockhash(blockhash, CONFIRMATION);
      wire = TransactionBuilder.build(ixs, blockhash, payer, signers);
    }
    final String signature = TransactionBuilder.signature(wire);
    try {
      rpc.awaitConfirmation(rpc.sendTransaction(wire), CONFIRMATION);
    } catch (RpcError e) {
      throw e.withSignature(signature);
    }
    return signature;
  }

  public static PublicKey key(final Ed25519KeyPair k) {
    return new PublicKey(k.publicKey().bytes());
  }
}
