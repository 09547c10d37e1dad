package io.perpnet.node.keeper;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.AccountFilter;
import io.perpnet.escrow.rpc.KeyedAccount;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.chain.ChainService;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.config.RoleConfig;
import io.perpnet.node.liquidator.Funding;
import io.perpnet.node.service.Service;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's funding duty: every {@code intervalMs} it reads the program's open positions and
 * settles the funding of each one whose accrued, unsettled funding (the program's formula, at the
 * market's fresh price and the chain's whole-second clock) has reached the threshold. Anyone may
 * settle; a settlement that finds less than expected (someone settled first) is harmless. The
 * keeper's other duty, pushing the price quorums no one else pushed, is the prices service's
 * (it posts after every oracle's turn). Paced and read whole each time: enough for a devnet's and
 * a small network's positions; a large one would follow them by subscription, as the liquidator
 * does.
 */
public final class KeeperService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(KeeperService.class);

  private final ChainService chain;
  private final Ed25519KeyPair self;
  private final RoleConfig.Keeper settings;
  private final LongSupplier clock;
  private final AtomicLong settlements = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("keeper").factory());

  public KeeperService(final ChainService chain, final Ed25519KeyPair self, final RoleConfig.Keeper settings,
      final LongSupplier clock) {
    this.chain = chain;
    this.self = self;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "keeper";
  }

  @Override
  public void start() {
    thread.scheduleWithFixedDelay(this::round, settings.intervalMs(), settings.intervalMs(), TimeUnit.MILLISECONDS);
  }

  private void round() {
    final List<KeyedAccount> positions;
    try {
      positions = chain.rpc().programAccounts(chain.client().program().programId().toByteArray(),
          List.of(new AccountFilter.DataSize(EscrowAccounts.POSITION_SIZE)));
    } catch (RpcError | RuntimeException e) {
      LOG.warn("keeper cannot read the positions: {}", e.getMessage());
      return;
    }
    for (final KeyedAccount a : positions) {
      try {
        consider(EscrowAccounts.position(a.data()));
      } catch (RuntimeException e) {
        LOG.warn("keeper skipped an account: {}", e.toString());
      }
    }
  }

  private void consider(final EscrowAccounts.Position p) {
    if (p.closed() || p.fundingPpm() == 0) {
      return;
    }
    final Optional<EscrowAccounts.Market> m = chain.marketAccount(p.market());
    final long now = clock.getAsLong();
    if (m.isEmpty() || m.get().price() == 0 || now - m.get().priceTimeMs() > m.get().config().maxStalenessMs()) {
      return; // settle_funding needs a fresh price
    }
    final long due = Funding.accrued(p, m.get().price(), m.get().config(), Math.floorDiv(now, 1000) * 1000);
    if (due < settings.fundingThreshold()) {
      return;
    }
    try {
      final String signature = chain.client().settleFunding(self, p);
      settlements.incrementAndGet();
      LOG.info("settled funding of a position in market {}: about {} from the {}: {}", p.market(), due,
          p.fundingPpm() > 0 ? "trader" : "maker", signature);
    } catch (RpcError e) {
      failures.incrementAndGet();
      LOG.warn("settling funding failed: {}", Submitter.describe(e));
    }
  }

  /** Settlements sent and landed. */
  public long settlements() {
    return settlements.get();
  }

  public long failures() {
    return failures.get();
  }

  @Override
  public void stop() {
    thread.shutdownNow();
  }
}
