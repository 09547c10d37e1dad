package io.perpnet.node.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.node.Node;
import io.perpnet.node.api.ApiClient;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.json.Decimals;
import io.perpnet.node.config.ApiConfig;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.config.NodeRole;
import io.perpnet.node.e2e.ChainScene;
import io.perpnet.node.liquidator.Liquidation;
import io.perpnet.node.liquidator.LiquidatorService;
import io.perpnet.node.liquidator.LiquidatorStats;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two liquidator nodes beside a trader and a maker on the local validator: a price too stale for
 * the program holds them back; with a fresh one the leveraged position is liquidated exactly once,
 * the loser's attempt costs it nothing, both parties' nodes see the close, the reward lands in the
 * winner's margin account, and the money on chain still adds up.
 */
class LiquidatorNetworkTest {
  @TempDir
  Path dir;

  private final List<Node> liquidators = new ArrayList<>();

  private Node liquidator(final ChainScene s, final String name) throws Exception {
    final Ed25519KeyPair key = s.world.funded(Ed25519KeyPair.generate());
    final NodeConfig config = NodeConfig.builder(dir.resolve(name), URI.create(s.world.validator.rpcUrl),
        URI.create(s.world.validator.wsUrl), s.world.programId.bytes(), s.world.mint.toByteArray())
        .markets(List.of("BTC-PERP")).roles(Set.of(NodeRole.LIQUIDATOR)).api(ApiConfig.loopback())
        .metrics(Optional.of(new java.net.InetSocketAddress("127.0.0.1", 0))).build();
    final Node n = Node.start(config, key);
    liquidators.add(n);
    return n;
  }

  private static MarketConfig withStaleness(final MarketConfig m, final long ms) {
    return new MarketConfig(m.id(), m.symbol(), m.baseDecimals(), m.maxLeverage(), m.initialMarginBps(),
        m.maintenanceMarginBps(), m.takerFeeBps(), m.makerFeeBps(), m.liquidationFeeBps(), m.liquidatorShareBps(),
        m.maxOracleSpreadBps(), m.priceBandBps(), m.fundingCapPpm(), ms);
  }

  private static LiquidatorService.Scan next(final BlockingQueue<LiquidatorService.Scan> q, final long mark)
      throws InterruptedException {
    while (true) {
      final LiquidatorService.Scan s = q.poll(30, TimeUnit.SECONDS);
      if (s == null) {
        throw new AssertionError("no scan at mark " + mark);
      }
      if (s.mark() == mark && s.due() > 0) {
        return s;
      }
    }
  }

  @Test
  void aStalePriceHoldsLiquidatorsBackAndWithAFreshOneExactlyOneLiquidates() throws Exception {
    try (ChainScene s = new ChainScene(dir, Optional.empty())) {
      try {
        run(s);
      } finally {
        liquidators.forEach(Node::close); // before the validator goes
      }
    }
  }

  private void run(final ChainScene s) throws Exception {
    final Signed<MatchTerms> match = s.buy(1_000_000L); // 0.01 BTC at 10x
    assertInstanceOf(Submitter.Outcome.Opened.class, s.trader.submission(match.hash()).get(60, TimeUnit.SECONDS));
    final List<BlockingQueue<LiquidatorService.Scan>> scans = new ArrayList<>();
    final BlockingQueue<Node> winners = new LinkedBlockingQueue<>();
    for (final String name : List.of("liquidator-1", "liquidator-2")) {
      final Node node = liquidator(s, name);
      final LiquidatorService l = node.roles().liquidator().orElseThrow();
      final BlockingQueue<LiquidatorService.Scan> q = new LinkedBlockingQueue<>();
      l.addScanListener(q::add);
      l.addAttemptListener(a -> {
        if (a.outcome().equals("WON")) {
          winners.add(node);
        }
      });
      scans.add(q);
      assertEquals(1, l.subscribed().get(30, TimeUnit.SECONDS), "it follows the one open position");
    }
    final EscrowAccounts.Position open = s.world.client.position(match).orElseThrow();
    final long crash = open.entryPrice() * 905 / 1000; // the trader's 10% margin is down to about 0.5%
    final CompletableFuture<Void> traderSaw = Closes.next(s.trader);
    final CompletableFuture<Void> makerSaw = Closes.next(s.maker);

    s.world.client.updateMarket(s.world.admin, withStaleness(MarketConfig.BTC_PERP, 1));
    s.world.postPrice(1, crash, 2);
    for (final BlockingQueue<LiquidatorService.Scan> q : scans) {
      assertTrue(next(q, crash).stale(), "a price the program calls stale is not tried");
    }
    for (final Node l : liquidators) {
      assertEquals(0, l.roles().liquidator().orElseThrow().stats().attempts());
    }
    assertFalse(s.world.client.position(match).orElseThrow().closed());

    final Liquidation expected = Liquidation.at(open, crash, MarketConfig.BTC_PERP, System.currentTimeMillis());
    assertTrue(expected.traderDown() && !expected.makerDown() && expected.reward() > 0, expected.toString());
    s.world.client.updateMarket(s.world.admin, MarketConfig.BTC_PERP);
    s.world.postPrice(1, crash, 2);
    traderSaw.get(30, TimeUnit.SECONDS);
    makerSaw.get(30, TimeUnit.SECONDS);
    assertTrue(s.world.client.position(match).orElseThrow().closed());

    final Node winner = winners.poll(30, TimeUnit.SECONDS);
    assertTrue(winner != null, "one of them liquidated it");
    for (final Node l : liquidators) {
      final LiquidatorStats st = l.roles().liquidator().orElseThrow().stats();
      assertEquals(0, st.failures(), "losing the race is not a failure");
      final long free = s.world.client.margin(new PublicKey(l.publicKey().bytes())).orElseThrow().free();
      final JsonNode reported = new ApiClient(l).ok("GET", "/v1/liquidations/stats", null);
      assertEquals(st.wins(), reported.path("wins").asLong());
      assertEquals(Decimals.fromUnits(st.earnings(), 6), reported.path("earnings").asText());
      final String scraped = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + l.metricsPort().orElseThrow() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(scraped.contains("perp_liquidations_total{outcome=\"won\"} " + st.wins() + ".0"), scraped);
      assertTrue(scraped.contains("perp_liquidator_earnings_usdc_units_total " + st.earnings() + ".0"), scraped);
      final JsonNode landed = new ApiClient(l).ok("GET", "/v1/liquidations", null);
      if (l == winner) {
        assertEquals(1, landed.size(), landed.toString());
        assertEquals(match.hash().toHex(), landed.get(0).path("matchId").asText());
        assertEquals("trader", landed.get(0).path("down").asText());
        assertEquals(Decimals.fromUnits(expected.reward(), 6), landed.get(0).path("reward").asText());
        assertEquals(1, l.store().events(1, 100_000).stream().filter(e -> e.kind().equals("liquidation.won")).count(),
            "one liquidation.won event (the liquidation channel)");
        assertEquals(1, st.wins());
        assertEquals(expected.reward(), free, "the reward, as the program computes it, in the winner's margin");
        assertEquals(free, st.earnings());
      } else {
        assertEquals(0, st.wins(), "exactly one liquidation");
        assertEquals(0, landed.size());
        assertEquals(0, free, "the loser earned nothing");
      }
    }
    assertTrue(s.trader.positions().isEmpty() && s.maker.positions().isEmpty());
    final ApiClient.Answer notOne = new ApiClient(s.trader).call("GET", "/v1/liquidations/stats", Scope.READ, null);
    assertEquals(409, notOne.status());
    assertEquals("ROLE_MISSING", notOne.body().path("code").asText());
    Conservation.check(s.world);
  }
}
