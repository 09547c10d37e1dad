package io.perpnet.node.liquidator;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.client.EscrowError;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc;
import io.perpnet.escrow.tx.ComputeBudget;
import io.perpnet.escrow.tx.TransactionBuilder;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.config.RoleConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.p2p.solanaj.core.TransactionInstruction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one liquidation as competitive keepers do: simulates it first (its compute units, and
 * whether it would still succeed: a position another liquidator or a close got first costs
 * nothing), then sends it with a compute-unit limit of the simulated units plus the configured
 * margin and a priority fee of the highest recent fee on its accounts, capped by the configured
 * maximum; the confirmation is awaited on another thread.
 */
final class LiquidationSender {
  private static final Logger LOG = LoggerFactory.getLogger(LiquidationSender.class);
  static final Duration CONFIRMATION = Duration.ofSeconds(30);

  /** How an attempt ended. */
  enum Outcome { WON, LOST, STALE, FAILED }

  private final EscrowClient client;
  private final SolanaRpc rpc;
  private final Ed25519KeyPair self;
  private final RoleConfig.Liquidator settings;
  private final Executor confirmations;

  LiquidationSender(final EscrowClient client, final SolanaRpc rpc, final Ed25519KeyPair self,
      final RoleConfig.Liquidator settings, final Executor confirmations) {
    this.client = client;
    this.rpc = rpc;
    this.self = self;
    this.settings = settings;
    this.confirmations = confirmations;
  }

  /** Simulates and sends on the calling thread; the future completes when the attempt ended. */
  CompletableFuture<Outcome> send(final HealthScan.Candidate c) {
    final var p = c.position();
    final TransactionInstruction ix = client.instructions().liquidate(p.market(), client.program().position(p),
        p.trader(), p.maker(), EscrowClient.key(self));
    try {
      final String blockhash = rpc.latestBlockhash();
      final SolanaRpc.Simulation sim = rpc.simulate(TransactionBuilder.build(List.of(ix), blockhash, self));
      if (sim.error() != null) {
        return CompletableFuture.completedFuture(classify(sim.error(), c));
      }
      final int units = (int) Math.min(1_400_000, sim.unitsConsumed() * (100L + settings.computeMarginPercent()) / 100 + 1);
      final ComputeBudget budget = new ComputeBudget(units, priorityFee(c));
      final String signature = rpc.sendTransaction(TransactionBuilder.build(budget.before(List.of(ix)), blockhash, self));
      return CompletableFuture.supplyAsync(() -> {
        try {
          rpc.awaitConfirmation(signature, CONFIRMATION);
          LOG.info("liquidated {} in market {}: notional {}, reward {}, {} units at {} micro-lamports: {}",
              io.perpnet.consensus.identity.Base58.encode(c.address()), p.market(), c.liquidation().notional(),
              c.liquidation().reward(), units, budget.microLamportsPerUnit(), signature);
          return Outcome.WON;
        } catch (RpcError e) {
          return classify(e, c);
        }
      }, confirmations);
    } catch (RpcError e) {
      return CompletableFuture.completedFuture(classify(e, c));
    }
  }

  /** The highest recent priority fee paid on the position and market accounts, capped; 0 if none. */
  private long priorityFee(final HealthScan.Candidate c) {
    try {
      final long highest = rpc.recentPrioritizationFees(List.of(c.address(),
          client.program().market(c.position().market()).address().toByteArray())).stream()
          .mapToLong(Long::longValue).max().orElse(0);
      return Math.min(highest, settings.maxPriorityFee());
    } catch (RpcError e) {
      return 0;
    }
  }

  private static Outcome classify(final RpcError e, final HealthScan.Candidate c) {
    final long code = e.customError();
    final String address = io.perpnet.consensus.identity.Base58.encode(c.address());
    if (code == EscrowError.NOT_LIQUIDATABLE.code() || code == EscrowError.POSITION_CLOSED.code()) {
      LOG.info("liquidation of {} lost the race: {}", address, Submitter.describe(e));
      return Outcome.LOST;
    }
    if (code == EscrowError.STALE_ORACLE.code()) {
      LOG.info("liquidation of {} waits for a fresh price: {}", address, Submitter.describe(e));
      return Outcome.STALE;
    }
    LOG.warn("liquidation of {} failed: {}", address, Submitter.describe(e));
    return Outcome.FAILED;
  }
}
