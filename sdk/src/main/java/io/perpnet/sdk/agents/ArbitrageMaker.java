package io.perpnet.sdk.agents;

import io.perpnet.sdk.model.Intent;
import io.perpnet.sdk.model.Match;
import io.perpnet.sdk.strategy.MakerStrategy;
import io.perpnet.sdk.strategy.MarketView;
import io.perpnet.sdk.strategy.QuoteDecision;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 000's arbitrage maker: quotes around an external venue's price (not our oracle's) and hedges
 * each fill there at once, with the opposite order, so that its inventory on both sides nets to
 * zero; each hedge's outcome is logged beside the match. Hedges run in fill order on a thread of
 * their own, so quoting goes on while one is in flight. It passes when the external price strays
 * more than {@code maxBasisBps} from the oracle (one of the two is wrong, or moving too fast).
 */
public final class ArbitrageMaker implements MakerStrategy {
  private static final Logger LOG = LoggerFactory.getLogger("agent.arbitrage-maker");

  private final SpreadMaker pricing;
  private final ReferencePrice external;
  private final HedgeVenue venue;
  private final int maxBasisBps;
  private final Map<String, BigDecimal> here = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> there = new ConcurrentHashMap<>();
  /** Hedges go out in fill order on their own thread: a slow venue never holds up a quote here. */
  private final java.util.concurrent.ExecutorService hedger = java.util.concurrent.Executors.newSingleThreadExecutor(
      r -> {
        final Thread t = new Thread(r, "arbitrage-hedge");
        t.setDaemon(true);
        return t;
      });

  public ArbitrageMaker(final MakerParams params, final ReferencePrice external, final HedgeVenue venue,
      final int maxBasisBps) {
    this.pricing = new SpreadMaker(params, external);
    this.external = external;
    this.venue = venue;
    this.maxBasisBps = maxBasisBps;
  }

  /** 0.5% wide around the external price, 10x, $10k a quote, passing beyond 50 bps of basis. */
  public static MakerParams defaults() {
    return new MakerParams("arbitrage-maker", 50, 10, new BigDecimal("10000"), java.util.Set.of(), 0,
        new BigDecimal("500000"), 90, 0, 10_000);
  }

  @Override
  public String name() {
    return pricing.name();
  }

  @Override
  public QuoteDecision onIntent(final Intent intent, final MarketView view) {
    final var ext = external.price(intent.market(), view);
    if (ext.isEmpty()) {
      return QuoteDecision.pass("no price from the hedge venue");
    }
    if (view.priced() && Pricing.distanceBps(ext.get(), view.oracle().price())
        .compareTo(BigDecimal.valueOf(maxBasisBps)) > 0) {
      return QuoteDecision.pass("the venue's " + ext.get() + " is more than " + maxBasisBps + " bps from the oracle's "
          + view.oracle().price());
    }
    return pricing.onIntent(intent, view);
  }

  @Override
  public void onMatch(final Match m) {
    final boolean weSold = "long".equals(m.side()); // the trader bought from us
    here.merge(m.market(), weSold ? m.size().negate() : m.size(), BigDecimal::add);
    final HedgeVenue.Order order = new HedgeVenue.Order(m.market(), weSold ? "long" : "short", m.size(), m.price(),
        m.id());
    hedger.execute(() -> hedge(m, weSold, order));
  }

  private void hedge(final Match m, final boolean weSold, final HedgeVenue.Order order) {
    final HedgeVenue.Result r;
    try {
      r = venue.hedge(order);
    } catch (RuntimeException e) {
      LOG.warn("match {} {} {} at {}: hedge on {} FAILED: {}", m.id().substring(0, 12), weSold ? "sold" : "bought",
          m.size(), m.price(), venue.name(), e.toString());
      return;
    }
    there.merge(m.market(), weSold ? r.filled() : r.filled().negate(), BigDecimal::add);
    LOG.info("match {} {} {} {} at {}: hedged on {}: {} {} at {} ({}); net {}", m.id().substring(0, 12),
        weSold ? "sold" : "bought", m.size(), m.market(), m.price(), venue.name(), order.side(), r.filled(), r.price(),
        r.detail(), net(m.market()));
  }

  /** Waits until every hedge asked for so far has been answered (or {@code timeout} passed). */
  public boolean awaitHedges(final java.time.Duration timeout) throws InterruptedException {
    try {
      hedger.submit(() -> {}).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  /** Our net base size here plus on the venue: zero when every fill was hedged in full. */
  public BigDecimal net(final String market) {
    return here.getOrDefault(market, BigDecimal.ZERO).add(there.getOrDefault(market, BigDecimal.ZERO));
  }

  public BigDecimal inventoryHere(final String market) {
    return here.getOrDefault(market, BigDecimal.ZERO);
  }
}
