package io.perpnet.node.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.testing.EscrowWorld;
import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.node.Node;
import io.perpnet.node.api.ApiClient;
import io.perpnet.node.config.ApiConfig;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.config.NodeRole;
import io.perpnet.node.config.RoleConfig;
import io.perpnet.node.oracle.OracleStats;
import io.perpnet.node.oracle.feed.SimulatedFeed;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle nodes on the local validator: three with one simulated feed post the market's price
 * together, one transaction per quorum rather than three, at the feed's price; a fourth, whose
 * exchange answers nonsense, signs nothing and does not hold the others up.
 */
class OracleNetworkTest {
  private static final long SEED = 42;
  private static final Map<String, Long> PRICES = Map.of("BTC-PERP", 70_000_000_000L);

  @TempDir
  Path dir;

  private final List<Node> nodes = new ArrayList<>();
  /** The first update and six more: seven posts of ours must land (counted once each has). */
  private final java.util.concurrent.CountDownLatch landed = new java.util.concurrent.CountDownLatch(7);
  private EscrowWorld world;
  private HttpServer nonsense;

  @AfterEach
  void stop() throws Exception {
    nodes.forEach(Node::close);
    if (nonsense != null) {
      nonsense.stop(0);
    }
    if (world != null) {
      world.close();
    }
  }

  private Node oracle(final String name, final Ed25519KeyPair key, final RoleConfig.Oracle settings,
      final List<Multiaddr> bootstrap) throws Exception {
    final NodeConfig config = NodeConfig.builder(dir.resolve(name), URI.create(world.validator.rpcUrl),
        URI.create(world.validator.wsUrl), world.programId.bytes(), world.mint.toByteArray()).bootstrap(bootstrap)
        .markets(List.of("BTC-PERP")).roles(Set.of(NodeRole.ORACLE)).api(ApiConfig.loopback())
        .roleConfig(RoleConfig.defaults().withOracle(settings)).build();
    final Node n = Node.start(config, world.funded(key));
    n.roles().oracle().orElseThrow().stats().addPostListener(landed::countDown); // before its first tick (250 ms)
    nodes.add(n);
    return n;
  }

  @Test
  void oraclesPostTheFeedsPriceOnceAQuorumAndANonsenseFeedSignsNothing() throws Exception {
    world = EscrowWorld.start();
    final Ed25519KeyPair liar = Fixtures.key(0x4F);
    world.client.setOracles(world.admin, 2, List.of(EscrowClient.key(Fixtures.ORACLES[0]),
        EscrowClient.key(Fixtures.ORACLES[1]), EscrowClient.key(Fixtures.ORACLES[2]), EscrowClient.key(liar)));
    world.client.createMarket(world.admin, MarketConfig.BTC_PERP);
    nonsense = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    nonsense.createContext("/info", exchange -> {
      final byte[] body = "{\"BTC\":\"-1e9\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    nonsense.start();

    final RoleConfig.Oracle simulated = RoleConfig.defaults().oracle().withSimulation(SEED, 5, 0, PRICES)
        .withInterval(1_000);
    final Node first = oracle("oracle-0", Fixtures.ORACLES[0], simulated, List.of());
    final List<Multiaddr> boot = List.of(first.listenAddresses().getFirst().withPeerId(first.peerId()));
    oracle("oracle-1", Fixtures.ORACLES[1], simulated, boot);
    oracle("oracle-2", Fixtures.ORACLES[2], simulated, boot);
    final Node liarNode = oracle("liar", liar, simulated.withSource(RoleConfig.Source.HYPERLIQUID,
        "http://127.0.0.1:" + nonsense.getAddress().getPort()), boot);

    try (AccountUpdates<EscrowAccounts.Market> updates = AccountUpdates.market(world.validator.wsUrl,
        world.client.program().market(1).address().toByteArray())) {
      EscrowAccounts.Market m = updates.next(x -> x.price() > 0, Duration.ofSeconds(60));
      final int rounds = 6;
      for (int i = 0; i < rounds; i++) {
        final long before = m.priceTimeMs();
        m = updates.next(x -> x.priceTimeMs() > before, Duration.ofSeconds(20));
        final long atPublish = feedAt(m.priceTimeMs());
        assertTrue(Math.abs(m.price() - atPublish) * 10_000 <= 50L * atPublish,
            "the mark " + m.price() + " is the feed's price around " + m.priceTimeMs() + " (" + atPublish + ")");
      }
    }
    assertTrue(landed.await(30, java.util.concurrent.TimeUnit.SECONDS), "every update is one of ours");
    long posted = 0;
    long sent = 0;
    for (final Node n : nodes) {
      final OracleStats s = n.roles().oracle().orElseThrow().stats();
      posted += s.posted();
      sent += s.posted() + s.lost() + s.failed();
      assertEquals(0, s.failed(), "no post fails for another reason than a lost race");
    }
    assertTrue(posted >= 7, "every update is one of ours: " + posted);
    assertTrue(sent <= 2 * posted, "n oracles do not send n transactions per quorum: " + sent + " sent, " + posted
        + " landed");
    final OracleStats lying = liarNode.roles().oracle().orElseThrow().stats();
    final JsonNode reported = new ApiClient(liarNode).ok("GET", "/v1/oracle/stats", null);
    assertEquals(0, reported.path("signed").asLong());
    assertTrue(reported.path("refused").path("MALFORMED").asLong() > 0, reported.toString());
    assertTrue(reported.path("attestations").path("BTC-PERP").size() >= 2, "it holds the others' attestations");
    assertEquals(0, lying.signed(), "a nonsense price is never signed");
    assertTrue(lying.refused().getOrDefault("MALFORMED", 0L) > 0, lying.refused().toString());
  }

  /** The simulated price at {@code ms}. */
  private static long feedAt(final long ms) throws Exception {
    return new SimulatedFeed(new SimulatedFeed.Params(SEED, 1_000, 5, 120, 0, PRICES), () -> ms).read("BTC-PERP").price();
  }
}
