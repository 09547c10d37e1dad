package io.perpnet.node.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.node.chain.Submitter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.nio.charset.StandardCharsets;
import io.perpnet.consensus.message.Side;
import io.perpnet.node.chain.OpenPosition;
import io.perpnet.node.store.Event;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow with the devnet validator and the escrow deployed: a trader node and a maker node
 * on 127.0.0.1, intent, quote, accept, countersign, the position opened on chain (both nodes
 * submit), the trader's metrics, then the trader's close at mark.
 */
class TradeOnChainTest {
  private static final long USDC = ChainScene.USDC;
  private static final long PRICE = ChainScene.PRICE;

  @TempDir
  Path dir;

  @Test
  void anIntentBecomesAPositionOnChainThatBothPartiesHoldAndTheTraderClosesAtMark() throws Exception {
    try (ChainScene s = new ChainScene(dir, Optional.of(new InetSocketAddress("127.0.0.1", 0)))) {
      final long size = 1_000_000L; // 0.01 BTC, 670 USDC of notional
      final var match = s.buy(size);
      final var opened = assertInstanceOf(Submitter.Outcome.Opened.class,
          s.trader.submission(match.hash()).get(60, TimeUnit.SECONDS));
      // the maker submits too (twice is harmless): it sees the position as its own submission's outcome
      assertInstanceOf(Submitter.Outcome.Opened.class, s.maker.submission(match.hash()).get(60, TimeUnit.SECONDS));
      final EscrowAccounts.Position onChain = s.world.client.position(match).orElseThrow();
      // both nodes hold it, each from its own side
      for (final var node : List.of(s.trader, s.maker)) {
        final List<OpenPosition> held = node.positions();
        assertEquals(1, held.size());
        final OpenPosition p = held.getFirst();
        assertEquals(match.hash(), p.matchId());
        assertEquals(onChain.size(), p.size());
        assertEquals(onChain.entryPrice(), p.entryPrice());
        assertEquals(onChain.openedMs(), p.openedMs());
        assertEquals(node == s.maker ? Side.SHORT : Side.LONG, p.side());
        assertEquals(node == s.maker ? s.traderKey.publicKey() : s.makerKey.publicKey(), p.counterparty());
        assertEquals(node == s.maker ? onChain.makerMargin() : onChain.traderMargin(), p.margin());
        assertEquals(1, node.balance().orElseThrow().openPositions());
      }
      assertArrayEquals(match.hash().bytes(), onChain.matchId());
      assertEquals(opened.position().size(), onChain.size());
      assertEquals(size, onChain.size());
      assertTrue(onChain.entryPrice() > PRICE && onChain.entryPrice() <= PRICE + PRICE / 1_000, "10 bps above the oracle");
      assertEquals(1, s.world.client.margin(EscrowClient.key(s.traderKey)).orElseThrow().openPositions());
      assertEquals(1, s.world.client.margin(EscrowClient.key(s.makerKey)).orElseThrow().openPositions());
      assertTrue(s.world.client.margin(EscrowClient.key(s.traderKey)).orElseThrow().free() < 10_000 * USDC,
          "the trader's margin is locked"); // (the node's own view is up to a second old)
      final String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + s.trader.metricsPort().orElseThrow() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (final String line : List.of("perp_events_total{kind=\"intent.published\"} 1.0",
          "perp_events_total{kind=\"match.countersigned\"} 1.0", "perp_events_total{kind=\"position.opened\"} 1.0",
          "perp_chain_submission_seconds_count{outcome=\"opened\"} 1", "perp_gossip_validated_total{kind=\"QUOTE\"} 1.0",
          "perp_peers 1.0")) {
        assertTrue(scraped.contains(line), line + " in\n" + scraped);
      }
      // and the trader closes at the mark: the chain shows it closed, and the maker's node is told
      final CompletableFuture<Event> makerSaw = new CompletableFuture<>();
      try (var feed = s.maker.events(s.maker.store().nextSequence(), e -> {
        if (e.kind().equals("position.closed")) {
          makerSaw.complete(e);
        }
      })) {
        final EscrowAccounts.Position closed = s.trader.closeAtMark(match).get(60, TimeUnit.SECONDS);
        assertTrue(closed.closed() && s.world.client.position(match).orElseThrow().closed());
        assertEquals(0, s.world.client.margin(EscrowClient.key(s.traderKey)).orElseThrow().openPositions());
        assertTrue(s.trader.positions().isEmpty());
        assertTrue(new String(makerSaw.get(30, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8)
            .startsWith(match.hash().toHex()));
        assertTrue(s.maker.positions().isEmpty());
      }
    }
  }
}
