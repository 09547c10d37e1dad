package io.perpnet.node.oracle;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.oracle.OracleQuorum;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowError;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.chain.ChainService;
import io.perpnet.node.chain.Submitter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits post_prices for the markets followed, when the {@link PostingPolicy} says it is this
 * node's turn: from the pool's attestations that the program would accept (at least k, agreeing
 * by the consensus {@link OracleQuorum} rule, so a post never fails on a bad attestation). The
 * market is read again from the chain just before sending, so a post that another node made a
 * moment ago is not repeated; one that still loses the race (STALE_PRICE: the slots are newer) is
 * counted as lost and costs only its fee.
 */
final class PricePoster {
  private static final Logger LOG = LoggerFactory.getLogger(PricePoster.class);
  private final ChainService chain;
  private final Ed25519KeyPair payer;
  private final Bytes32 program;
  private final Set<Integer> markets;
  private final AttestationPool pool;
  private final Supplier<Optional<OracleSet>> set;
  private final PostingPolicy policy;
  private final LongSupplier clock;
  private final OracleStats stats;
  /** After a post failed (no SOL to pay, say), the market is left alone until then, and only the first failure warns. */
  private final java.util.Map<Integer, Long> quietUntil = new java.util.HashMap<>();
  private final long retryAfterMs;

  PricePoster(final ChainService chain, final Ed25519KeyPair payer, final Bytes32 program, final Set<Integer> markets,
      final AttestationPool pool, final Supplier<Optional<OracleSet>> set, final PostingPolicy policy,
      final LongSupplier clock, final OracleStats stats, final long retryAfterMs) {
    this.retryAfterMs = retryAfterMs;
    this.chain = chain;
    this.payer = payer;
    this.program = program;
    this.markets = Set.copyOf(markets);
    this.pool = pool;
    this.set = set;
    this.policy = policy;
    this.clock = clock;
    this.stats = stats;
  }

  void tick() {
    final Optional<OracleSet> oracles = set.get();
    if (oracles.isEmpty()) {
      return;
    }
    for (final int market : markets) {
      chain.marketAccount(market).ifPresent(m -> consider(market, m, oracles.get(), false));
    }
  }

  /** @param fresh whether {@code m} was just read from the chain (else: read it again before sending) */
  private void consider(final int market, final EscrowAccounts.Market m, final OracleSet oracles, final boolean fresh) {
    final long now = clock.getAsLong();
    if (now < quietUntil.getOrDefault(market, Long.MIN_VALUE)) {
      return;
    }
    final List<Signed<PriceAttestation>> postable = pool.postable(market, oracles, m, now);
    if (postable.size() < oracles.threshold()) {
      return;
    }
    final OracleQuorum.QuorumPrice quorum;
    try {
      quorum = OracleQuorum.aggregate(postable, oracles.rule(m.config()), program, market, now);
    } catch (RejectedException e) {
      stats.refused("QUORUM_" + e.reason().name());
      return;
    }
    if (!policy.shouldPost(market, now, m.price(), m.priceTimeMs(), quorum.price(), oracles.indexOf(payer.publicKey()),
        oracles.oracles().size())) {
      return;
    }
    if (!fresh) {
      try {
        final Optional<EscrowAccounts.Market> again = chain.client().market(market);
        if (again.isPresent()) {
          chain.marketSeen(market, again.get());
          consider(market, again.get(), oracles, true);
        }
      } catch (RpcError e) {
        LOG.warn("cannot read market {} before posting its price: {}", market, e.getMessage());
      }
      return;
    }
    post(market, postable, quorum);
  }

  private void post(final int market, final List<Signed<PriceAttestation>> postable,
      final OracleQuorum.QuorumPrice quorum) {
    try {
      final String signature = chain.client().postPrices(payer, market, postable);
      stats.landed();
      if (quietUntil.remove(market) != null) {
        LOG.info("posting market {} prices again", market);
      }
      LOG.info("posted market {} price {} from {} attestations: {}", market, quorum.price(), postable.size(), signature);
    } catch (RpcError e) {
      if (e.customError() == EscrowError.STALE_PRICE.code()) {
        stats.lost.incrementAndGet();
        LOG.debug("another post of market {} landed first: {}", market, e.getMessage());
      } else {
        stats.failed.incrementAndGet();
        if (quietUntil.put(market, clock.getAsLong() + retryAfterMs) == null) {
          LOG.warn("posting market {} price failed (retrying every {} ms): {}", market, retryAfterMs,
              Submitter.describe(e));
        } else {
          LOG.debug("posting market {} price failed again: {}", market, Submitter.describe(e));
        }
      }
    } finally {
      policy.posted(market);
      try {
        chain.client().market(market).ifPresent(m -> chain.marketSeen(market, m));
      } catch (RpcError ignored) {
        // the next tick reads it again
      }
    }
  }
}
