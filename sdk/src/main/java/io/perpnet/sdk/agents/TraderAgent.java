package io.perpnet.sdk.agents;

import io.perpnet.sdk.client.ApiException;
import io.perpnet.sdk.model.IntentRequest;
import io.perpnet.sdk.model.Position;
import io.perpnet.sdk.strategy.AgentStats;
import io.perpnet.sdk.strategy.Trade;
import io.perpnet.sdk.strategy.TradingHub;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example trader: every {@code intervalMs} it closes at mark what it has held for
 * {@code holdMs}, and while it holds fewer than {@code maxOpen} positions it opens one (market and
 * side by its seeded coin), then sets a stop-loss and a take-profit around the entry, which the
 * node watches. Each decision and its outcome is logged.
 */
public final class TraderAgent implements AutoCloseable {
  private final TradingHub hub;
  private final TraderParams p;
  private final Random coin;
  private final Logger log;
  private final AgentStats stats = new AgentStats();
  private final ScheduledExecutorService thread;

  public TraderAgent(final TradingHub hub, final TraderParams params) {
    this.hub = hub;
    this.p = params;
    this.coin = new Random(params.seed());
    this.log = LoggerFactory.getLogger("agent." + params.name());
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, "trader-" + params.name());
      t.setDaemon(true);
      return t;
    });
  }

  public TraderAgent start() {
    thread.scheduleWithFixedDelay(this::step, 0, p.intervalMs(), TimeUnit.MILLISECONDS);
    log.info("{} trading {} USDC at {}x on {} every {} ms", p.name(), p.notional(), p.leverage(), p.markets(),
        p.intervalMs());
    return this;
  }

  public AgentStats stats() {
    return stats;
  }

  /** One look: close what is due, open one if there is room. Public for tests that step by hand. */
  public void step() {
    try {
      final List<Position> open = hub.positions();
      final long now = System.currentTimeMillis();
      int held = open.size();
      for (final Position pos : open) {
        if (now - pos.openedMs() >= p.holdMs()) {
          log.info("close {} {} {} {}: held {} s", pos.id().substring(0, 12), pos.side(), pos.size(), pos.market(),
              (now - pos.openedMs()) / 1000);
          hub.close(pos.id());
          stats.add("closed");
          held--;
        }
      }
      if (held < p.maxOpen()) {
        open();
      }
    } catch (ApiException e) {
      stats.add("refused:" + e.code());
      log.warn("{}", e.getMessage());
    } catch (RuntimeException e) {
      stats.add("error");
      log.warn("step failed: {}", e.toString());
    }
  }

  private void open() throws ApiException {
    final String market = p.markets().get(coin.nextInt(p.markets().size()));
    final boolean buy = coin.nextBoolean();
    final IntentRequest.Builder b = (buy ? IntentRequest.buy(market) : IntentRequest.sell(market))
        .notional(p.notional().toPlainString()).leverage(p.leverage())
        .reason(p.name() + ": " + (buy ? "long" : "short") + " by its coin, hold " + p.holdMs() / 1000 + " s");
    log.info("open {} {} USDC of {} at {}x", buy ? "long" : "short", p.notional(), market, p.leverage());
    stats.add("intents");
    final Trade t = hub.trade(b.build());
    if (!t.filled()) {
      stats.add("unfilled");
      log.info("intent {} {}: {}", t.intent().id().substring(0, 12), t.intent().status(), t.intent().fills());
      return;
    }
    for (final Position pos : t.positions()) {
      stats.add("opened");
      final BigDecimal sl = offset(pos.entryPrice(), pos.isLong() ? -p.stopLossBps() : p.stopLossBps());
      final BigDecimal tp = offset(pos.entryPrice(), pos.isLong() ? p.takeProfitBps() : -p.takeProfitBps());
      if (p.stopLossBps() > 0) {
        hub.client().stopLoss(pos.id(), sl);
      }
      if (p.takeProfitBps() > 0) {
        hub.client().takeProfit(pos.id(), tp);
      }
      log.info("opened {} {} {} {} at {} (stop {}, take {})", pos.id().substring(0, 12), pos.side(), pos.size(),
          pos.market(), pos.entryPrice(), p.stopLossBps() > 0 ? sl : "-", p.takeProfitBps() > 0 ? tp : "-");
    }
  }

  static BigDecimal offset(final BigDecimal price, final int bps) {
    return price.multiply(BigDecimal.valueOf(10_000L + bps)).divide(BigDecimal.valueOf(10_000), Pricing.PRICE_PLACES,
        RoundingMode.HALF_EVEN);
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(70, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("{} stopped: {}", p.name(), stats);
  }
}
