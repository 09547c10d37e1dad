package io.perpnet.node.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.testing.EscrowWorld;
import io.perpnet.node.Node;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.config.NodeRole;
import io.perpnet.node.config.RoleConfig;
import io.perpnet.node.oracle.OracleStats;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keeper on the local validator: it settles funding past its threshold, and posts the prices oracles could not. */
class KeeperTest {
  @TempDir
  Path dir;

  private final List<Node> nodes = new ArrayList<>();
  private EscrowWorld world;

  @AfterEach
  void stop() throws Exception {
    nodes.forEach(Node::close);
    if (world != null) {
      world.close();
    }
  }

  private Node node(final String name, final Ed25519KeyPair key, final Set<NodeRole> roles, final RoleConfig settings,
      final List<Multiaddr> bootstrap) throws Exception {
    final NodeConfig config = NodeConfig.builder(dir.resolve(name), URI.create(world.validator.rpcUrl),
        URI.create(world.validator.wsUrl), world.programId.bytes(), world.mint.toByteArray()).bootstrap(bootstrap)
        .markets(List.of("BTC-PERP")).roles(roles).roleConfig(settings).build();
    final Node n = Node.start(config, key);
    nodes.add(n);
    return n;
  }

  @Test
  void fundingPastTheThresholdIsSettled() throws Exception {
    world = EscrowWorld.start();
    world.oracles(2, 3);
    world.client.createMarket(world.admin, MarketConfig.BTC_PERP);
    world.postPrice(1, 70_000_000_000L, 2);
    final Ed25519KeyPair trader = Ed25519KeyPair.generate();
    final Ed25519KeyPair maker = Ed25519KeyPair.generate();
    world.onboard(trader, 100_000 * EscrowWorld.USDC, 100_000 * EscrowWorld.USDC);
    world.onboard(maker, 100_000 * EscrowWorld.USDC, 100_000 * EscrowWorld.USDC);
    // 1 BTC, 1% per 8 hours paid by the trader: 700 USDC a period, a cent every 0.4 s
    final Signed<MatchTerms> match = world.match(trader, maker, MarketParams.BTC_PERP,
        EscrowWorld.Trade.of(100_000_000L, 70_000_000_000L, 10).maker(10, 10_000));
    world.client.openPosition(world.admin, match);
    final EscrowAccounts.Position opened = world.client.position(match).orElseThrow();
    try (AccountUpdates<EscrowAccounts.Position> updates = AccountUpdates.position(world.validator.wsUrl,
        world.client.program().position(opened).address().toByteArray())) {
      final Node keeper = node("keeper", world.funded(Ed25519KeyPair.generate()), Set.of(NodeRole.KEEPER),
          RoleConfig.defaults().withKeeper(new RoleConfig.Keeper(10_000, 300)), List.of());
      final EscrowAccounts.Position settled = updates.next(p -> p.fundedUntilMs() > opened.fundedUntilMs(),
          Duration.ofSeconds(30));
      final long paid = opened.traderMargin() - settled.traderMargin();
      assertTrue(paid >= 10_000, "at least the threshold was due: " + paid);
      assertEquals(paid, settled.makerMargin() - opened.makerMargin(), "the maker received what the trader paid");
      assertEquals(0, keeper.roles().keeper().orElseThrow().failures());
      Conservation.check(world);
    }
  }

  @Test
  void theKeeperPostsTheQuorumOraclesCannotPayFor() throws Exception {
    world = EscrowWorld.start();
    world.oracles(2, 2);
    world.client.createMarket(world.admin, MarketConfig.BTC_PERP);
    final RoleConfig settings = RoleConfig.defaults().withOracle(RoleConfig.defaults().oracle()
        .withSimulation(3, 5, 0, Map.of("BTC-PERP", 70_000_000_000L)).withInterval(1_000));
    // the oracles have no SOL: they sign and gossip, but every post of theirs fails
    final Node first = node("oracle-0", Fixtures.ORACLES[0], Set.of(NodeRole.ORACLE), settings, List.of());
    final List<Multiaddr> boot = List.of(first.listenAddresses().getFirst().withPeerId(first.peerId()));
    node("oracle-1", Fixtures.ORACLES[1], Set.of(NodeRole.ORACLE), settings, boot);
    final Node keeper = node("keeper", world.funded(Ed25519KeyPair.generate()), Set.of(NodeRole.KEEPER), settings,
        boot);
    final OracleStats keeping = keeper.roles().oracle().orElseThrow().stats();
    final java.util.concurrent.CompletableFuture<Void> keeperPosted = new java.util.concurrent.CompletableFuture<>();
    keeping.addPostListener(() -> keeperPosted.complete(null)); // it posts each interval while no one else can
    keeperPosted.get(60, java.util.concurrent.TimeUnit.SECONDS);
    final EscrowAccounts.Market priced = world.client.market(1).orElseThrow();
    assertTrue(priced.price() > 60_000_000_000L && priced.price() < 80_000_000_000L, "the simulated feed's price");
    assertEquals(0, keeping.signed(), "a keeper signs nothing");
    for (final Node oracle : nodes.subList(0, 2)) {
      assertEquals(0, oracle.roles().oracle().orElseThrow().stats().posted(), "an oracle without SOL cannot post");
    }
  }
}
