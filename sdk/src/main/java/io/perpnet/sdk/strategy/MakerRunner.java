package io.perpnet.sdk.strategy;

import io.perpnet.sdk.client.ApiException;
import io.perpnet.sdk.client.Json;
import io.perpnet.sdk.client.NodeClient;
import io.perpnet.sdk.model.Intent;
import io.perpnet.sdk.model.Market;
import io.perpnet.sdk.model.Match;
import io.perpnet.sdk.model.Price;
import io.perpnet.sdk.model.QuoteRequest;
import io.perpnet.sdk.stream.Event;
import io.perpnet.sdk.stream.EventStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link MakerStrategy} against a maker node (one with {@code maker-quotes = "agent"}, so
 * the node quotes only what the strategy decides): others' intents arrive on the WebSocket's
 * {@code trade_request} channel, each decision is logged, each offer is signed and gossiped by
 * the node ({@code POST /v1/quotes}). Oracle prices come from the {@code price} channel as the
 * chain changes them, and are read again every {@code priceIntervalMs} (so that their age stays
 * current); the inventory is re-read after a position opened or closed, at most that often. The
 * strategy is called on one thread; the reads run on a second one, so a decision never waits.
 */
public final class MakerRunner implements AutoCloseable {
  private final NodeClient client;
  private final MakerStrategy strategy;
  private final Logger log;
  private final AgentStats stats = new AgentStats();
  private final Map<String, Market> markets = new ConcurrentHashMap<>();
  private final Map<String, Price> prices = new ConcurrentHashMap<>();
  private volatile Map<String, BigDecimal> inventory = Map.of();
  private final ScheduledExecutorService thread;
  private final ScheduledExecutorService reader;
  private volatile boolean positionsChanged;
  private final String address;
  private EventStream stream;

  private MakerRunner(final NodeClient client, final MakerStrategy strategy) throws ApiException {
    this.client = client;
    this.strategy = strategy;
    this.log = LoggerFactory.getLogger("agent." + strategy.name());
    this.address = client.agent().address();
    this.thread = daemon("maker-" + strategy.name());
    this.reader = daemon("maker-reads-" + strategy.name());
  }

  private static ScheduledExecutorService daemon(final String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts {@code strategy} on the node at {@code url} with the token in {@code tokenFile}. */
  public static MakerRunner run(final MakerStrategy strategy, final String url, final Path tokenFile)
      throws IOException, ApiException {
    return run(strategy, NodeClient.connect(url, tokenFile), 1_000);
  }

  static final int LIVE_WITHIN_SECONDS = 30;

  public static MakerRunner run(final MakerStrategy strategy, final NodeClient client, final long priceIntervalMs)
      throws ApiException {
    final MakerRunner r = new MakerRunner(client, strategy);
    client.markets().forEach(m -> r.markets.put(m.symbol(), m));
    r.refreshInventory();
    r.readPrices();
    r.reader.scheduleWithFixedDelay(() -> {
      if (r.positionsChanged) {
        r.positionsChanged = false;
        r.refreshInventory();
      }
      r.readPrices();
    }, priceIntervalMs, priceIntervalMs, TimeUnit.MILLISECONDS);
    final java.util.concurrent.CompletableFuture<Void> live = new java.util.concurrent.CompletableFuture<>();
    r.stream = client.stream().channels("trade_request", "match", "position_opened", "position_closed", "price")
        .onEvent(e -> r.thread.execute(() -> r.handle(e))).onState((state, why) -> {
          if (state == io.perpnet.sdk.stream.StreamState.LIVE) {
            live.complete(null);
          }
        }).start();
    try { // quoting only once subscribed: an intent published after run() returns is heard
      live.get(LIVE_WITHIN_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      r.close();
      throw new IllegalStateException("the node's event stream did not open within " + LIVE_WITHIN_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      r.close();
      throw new IllegalStateException("interrupted before the event stream opened");
    }
    r.log.info("{} quoting for {} on {} (markets {})", strategy.name(), r.address, client.baseUrl(), r.markets.keySet());
    return r;
  }

  public AgentStats stats() {
    return stats;
  }

  public EventStream stream() {
    return stream;
  }

  private void handle(final Event e) {
    switch (e.channel()) {
      case "trade_request" -> decide(Json.MAPPER.convertValue(e.data(), Intent.class));
      case "price" -> {
        final Market m = markets.get(e.data().path("market").asText());
        final long at = e.data().path("publishTimeMs").asLong();
        final long age = Math.max(0, System.currentTimeMillis() - at);
        if (m != null) {
          priceSeen(new Price(m.symbol(), new BigDecimal(e.data().path("price").asText()), at, age,
              age > m.maxStalenessMs()));
        }
      }
      case "match" -> {
        // a maker node logs its countersignature with its reservation ("reservation.made"), a trader
        // node as "match.countersigned": the state says it, whichever the kind
        if ("countersigned".equals(e.data().path("state").asText())
            && address.equals(e.data().path("maker").asText())) {
          stats.add("matched");
          strategy.onMatch(Json.MAPPER.convertValue(e.data(), Match.class));
        }
      }
      default -> {
        positionsChanged = true; // re-read by the reader thread
        strategy.onPosition(e);
      }
    }
  }

  private void decide(final Intent request) {
    stats.add("seen");
    if (request.expiryMs() <= System.currentTimeMillis()) {
      stats.add("expired");
      return;
    }
    final Market m = markets.get(request.market());
    if (m == null) {
      stats.add("passed");
      log.info("pass {} {} {}: unknown market", request.id(), request.side(), request.market());
      return;
    }
    final MarketView view = new MarketView(m, prices.get(request.market()),
        inventory.getOrDefault(request.market(), BigDecimal.ZERO));
    final QuoteDecision d;
    try {
      d = strategy.onIntent(request, view);
    } catch (RuntimeException x) {
      stats.add("strategy-error");
      log.warn("the strategy failed on {}: {}", request.id(), x.toString());
      return;
    }
    switch (d) {
      case QuoteDecision.Pass p -> {
        stats.add("passed");
        log.info("pass {} {} {} {}: {}", request.id().substring(0, 12), request.side(), request.size(),
            request.market(), p.why());
      }
      case QuoteDecision.Offer o -> send(request, o);
    }
  }

  private void send(final Intent request, final QuoteDecision.Offer o) {
    try {
      client.quote(new QuoteRequest(request.id(), o.price(), o.size(), o.fundingPpm(), o.leverage(), o.lifetimeMs()));
      stats.add("offered");
      log.info("quote {} {} {} {} at {}: {}", request.id().substring(0, 12), request.side(),
          o.size() == null ? request.size() : o.size(), request.market(), o.price().toPlainString(), o.why());
    } catch (ApiException x) {
      stats.add("refused:" + x.code());
      log.warn("quote {} refused by the node: {}", request.id().substring(0, 12), x.getMessage());
    }
  }

  private void readPrices() {
    try {
      for (final Price p : client.prices()) {
        thread.execute(() -> priceSeen(p)); // the strategy's own thread
      }
    } catch (ApiException | RuntimeException x) {
      log.warn("cannot read prices: {}", x.getMessage());
    }
  }

  /** A price from the price channel or the periodic read; the strategy hears of each new one once. */
  private void priceSeen(final Price p) {
    final Price before = prices.put(p.market(), p);
    if (p.price() != null && (before == null || before.publishTimeMs() != p.publishTimeMs())) {
      strategy.onPrice(p);
    }
  }

  private void refreshInventory() {
    try {
      inventory = Inventory.of(client.positions());
    } catch (ApiException x) {
      log.warn("cannot read positions: {}", x.getMessage());
    }
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
    reader.shutdownNow();
    thread.shutdownNow();
    log.info("{} stopped: {}", strategy.name(), stats);
  }
}
