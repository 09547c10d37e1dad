package io.perpnet.node.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.node.Node;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.config.NodeRole;
import io.perpnet.node.config.RoleConfig;
import io.perpnet.node.e2e.ChainScene;
import io.perpnet.node.liquidator.LiquidatorService;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with no price posted by the test: three oracle nodes read an exchange (a local
 * server in Hyperliquid's shape) and keep BTC-PERP priced; a trader opens a 10x position; the
 * exchange's price falls 9.5%; the oracles sign and post it, and a liquidator node liquidates the
 * position; the trader's and the maker's nodes see it closed.
 */
class FeedDrivenLiquidationTest {
  @TempDir
  Path dir;

  private final AtomicLong exchangePrice = new AtomicLong(ChainScene.PRICE);
  private final List<Node> nodes = new ArrayList<>();

  private Node node(final ChainScene s, final String name, final Ed25519KeyPair key, final Set<NodeRole> roles,
      final RoleConfig settings, final List<Multiaddr> bootstrap) throws Exception {
    final NodeConfig config = NodeConfig.builder(dir.resolve(name), URI.create(s.world.validator.rpcUrl),
        URI.create(s.world.validator.wsUrl), s.world.programId.bytes(), s.world.mint.toByteArray())
        .bootstrap(bootstrap).markets(List.of("BTC-PERP")).roles(roles).roleConfig(settings).build();
    final Node n = Node.start(config, s.world.funded(key));
    nodes.add(n);
    return n;
  }

  @Test
  void theExchangeFallsTheOraclesPostItAndTheLiquidatorLiquidates() throws Exception {
    final HttpServer exchange = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exchange.createContext("/info", x -> {
      final long p = exchangePrice.get();
      final byte[] body = ("{\"BTC\":\"" + p / 1_000_000 + "." + String.format("%06d", p % 1_000_000) + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    exchange.start();
    try (ChainScene s = new ChainScene(dir, Optional.empty())) {
      try {
        final RoleConfig settings = RoleConfig.defaults().withOracle(RoleConfig.defaults().oracle()
            .withSource(RoleConfig.Source.HYPERLIQUID, "http://127.0.0.1:" + exchange.getAddress().getPort())
            .withInterval(1_000));
        // the prices topic is carried by the nodes that subscribe to it: the oracles dial each other
        final Node first = node(s, "oracle-0", Fixtures.ORACLES[0], Set.of(NodeRole.ORACLE), settings, List.of());
        final List<Multiaddr> boot = List.of(first.listenAddresses().getFirst().withPeerId(first.peerId()));
        for (int i = 1; i < 3; i++) {
          node(s, "oracle-" + i, Fixtures.ORACLES[i], Set.of(NodeRole.ORACLE), settings, boot);
        }
        final LiquidatorService liquidator = node(s, "liquidator", Ed25519KeyPair.generate(),
            Set.of(NodeRole.LIQUIDATOR), settings, boot).roles().liquidator().orElseThrow();
        final CompletableFuture<LiquidatorService.Attempt> won = new CompletableFuture<>();
        liquidator.addAttemptListener(a -> {
          if (a.outcome().equals("WON")) {
            won.complete(a);
          }
        });
        try (AccountUpdates<EscrowAccounts.Market> market = AccountUpdates.market(s.world.validator.wsUrl,
            s.world.client.program().market(1).address().toByteArray())) {
          final long startedAt = System.currentTimeMillis();
          market.next(m -> m.priceTimeMs() >= startedAt, Duration.ofSeconds(30)); // the oracles price the market
          final Signed<MatchTerms> match = s.buy(1_000_000L);
          assertInstanceOf(Submitter.Outcome.Opened.class, s.trader.submission(match.hash()).get(60, TimeUnit.SECONDS));
          final EscrowAccounts.Position open = s.world.client.position(match).orElseThrow();
          final CompletableFuture<Void> traderSaw = Closes.next(s.trader);
          final CompletableFuture<Void> makerSaw = Closes.next(s.maker);

          exchangePrice.set(open.entryPrice() * 905 / 1000);
          market.next(m -> m.price() <= open.entryPrice() * 91 / 100, Duration.ofSeconds(30));
          final LiquidatorService.Attempt a = won.get(30, TimeUnit.SECONDS);
          assertEquals(java.util.HexFormat.of().formatHex(s.world.client.program().position(open).address().toByteArray()),
              java.util.HexFormat.of().formatHex(a.position()));
          assertTrue(a.reward() > 0);
          traderSaw.get(30, TimeUnit.SECONDS);
          makerSaw.get(30, TimeUnit.SECONDS);
          assertTrue(s.world.client.position(match).orElseThrow().closed());
          Conservation.check(s.world);
        }
      } finally {
        nodes.forEach(Node::close);
      }
    } finally {
      exchange.stop(0);
    }
  }
}
