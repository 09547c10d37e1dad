package io.perpnet.node.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Side;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.testing.EscrowWorld;
import io.perpnet.node.Node;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.gossip.Topics;
import io.perpnet.node.rfq.TraderDesk;
import io.perpnet.node.rfq.TraderEngine;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow with the devnet validator and the escrow deployed: a trader node and a maker node
 * on 127.0.0.1, intent, quote, accept, countersign, and the position opened on chain by the
 * trader's node.
 */
class TradeOnChainTest {
  private static final long USDC = EscrowWorld.USDC;
  private static final long PRICE = 67_000_000_000L; // 67,000 USDC per BTC, 6 decimals

  @TempDir
  Path dir;

  private NodeConfig config(final EscrowWorld world, final String name, final Set<Role> roles,
      final List<Multiaddr> bootstrap) {
    return config(world, name, roles, bootstrap, Optional.empty());
  }

  private NodeConfig config(final EscrowWorld world, final String name, final Set<Role> roles,
      final List<Multiaddr> bootstrap, final Optional<java.net.InetSocketAddress> metrics) {
    return new NodeConfig(dir.resolve(name + ".json"), dir.resolve(name), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        bootstrap, URI.create(world.validator.rpcUrl), URI.create(world.validator.wsUrl), world.programId.bytes(),
        world.mint.toByteArray(), List.of("BTC-PERP"), roles, new AgentLimits(20, 100_000 * USDC, 10), 10, 0,
        NodeConfig.LogFormat.TEXT, metrics);
  }

  @Test
  void anIntentBecomesAPositionOnChainThatBothPartiesHoldAndTheTraderClosesAtMark() throws Exception {
    try (EscrowWorld world = EscrowWorld.start()) {
      world.oracles(2, 3);
      world.client.createMarket(world.admin, MarketConfig.BTC_PERP);
      world.postPrice(1, PRICE, 2);
      final Ed25519KeyPair traderKey = Ed25519KeyPair.generate();
      final Ed25519KeyPair makerKey = Ed25519KeyPair.generate();
      world.onboard(traderKey, 10_000 * USDC, 10_000 * USDC);
      world.onboard(makerKey, 10_000 * USDC, 10_000 * USDC);
      try (Node maker = Node.start(config(world, "maker", Set.of(Role.MAKER), List.of()), makerKey);
          Node trader = Node.start(config(world, "trader", Set.of(Role.TRADER), maker.listenAddresses(),
              Optional.of(new java.net.InetSocketAddress("127.0.0.1", 0))), traderKey)) {
        for (final MessageType kind : List.of(MessageType.INTENT, MessageType.QUOTE)) {
          final String topic = Topics.topic(world.programId, 1, kind);
          ((LibP2pNetwork) trader.network()).gossip().awaitMesh(topic, Set.of(maker.peerId())).get(20, TimeUnit.SECONDS);
          ((LibP2pNetwork) maker.network()).gossip().awaitMesh(topic, Set.of(trader.peerId())).get(20, TimeUnit.SECONDS);
        }
        final long size = 1_000_000L; // 0.01 BTC, 670 USDC of notional
        final var placed = trader.trader().place(new TraderEngine.IntentRequest(1, Side.LONG, size, 2 * PRICE, 0, 10_000,
            10, 30_000, 30_000, true, 60_000)).get(10, TimeUnit.SECONDS);
        final List<TraderDesk.Outcome> fills = placed.fills().get(30, TimeUnit.SECONDS);
        final var match = assertInstanceOf(TraderDesk.Outcome.Matched.class, fills.getFirst(), fills.toString()).match();
        final var opened = assertInstanceOf(Submitter.Outcome.Opened.class,
            trader.submission(match.hash()).get(60, TimeUnit.SECONDS));
        // the maker submits too (twice is harmless): it sees the position as its own submission's outcome
        assertInstanceOf(Submitter.Outcome.Opened.class, maker.submission(match.hash()).get(60, TimeUnit.SECONDS));
        final EscrowAccounts.Position onChain = world.client.position(match).orElseThrow();
        org.junit.jupiter.api.Assertions.assertArrayEquals(match.hash().bytes(), onChain.matchId());
        assertEquals(opened.position().size(), onChain.size());
        assertEquals(size, onChain.size());
        assertTrue(onChain.entryPrice() > PRICE && onChain.entryPrice() <= PRICE + PRICE / 1_000, "10 bps above the oracle");
        assertTrue(world.client.margin(EscrowAccountsKeys.of(traderKey)).orElseThrow().openPositions() == 1);
        assertTrue(world.client.margin(EscrowAccountsKeys.of(makerKey)).orElseThrow().openPositions() == 1);
        assertTrue(world.client.margin(EscrowAccountsKeys.of(traderKey)).orElseThrow().free() < 10_000 * USDC,
            "the trader's margin is locked"); // (the node's own view is up to a second old)
        final String scraped = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + trader.metricsPort().orElseThrow() + "/metrics")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        for (final String line : List.of("perp_events_total{kind=\"intent.published\"} 1.0",
            "perp_events_total{kind=\"match.countersigned\"} 1.0", "perp_events_total{kind=\"position.opened\"} 1.0",
            "perp_chain_submission_seconds_count{outcome=\"opened\"} 1", "perp_gossip_validated_total{kind=\"QUOTE\"} 1.0",
            "perp_peers 1.0")) {
          assertTrue(scraped.contains(line), line + " in\n" + scraped);
        }
        // and the trader closes at the mark: the chain shows it closed, the reservation is released
        final EscrowAccounts.Position closed = trader.closeAtMark(match).get(60, TimeUnit.SECONDS);
        assertTrue(closed.closed() && world.client.position(match).orElseThrow().closed());
        assertEquals(0, world.client.margin(EscrowAccountsKeys.of(traderKey)).orElseThrow().openPositions());
      }
    }
  }

  /** Our keys as the chain's addresses. */
  private static final class EscrowAccountsKeys {
    static org.p2p.solanaj.core.PublicKey of(final Ed25519KeyPair k) {
      return io.perpnet.escrow.client.EscrowClient.key(k);
    }
  }
}
