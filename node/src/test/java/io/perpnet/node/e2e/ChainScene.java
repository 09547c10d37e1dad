package io.perpnet.node.e2e;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.node.config.NodeRole;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.testing.EscrowWorld;
import io.perpnet.node.Node;
import io.perpnet.node.config.ApiConfig;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.config.RiskConfig;
import io.perpnet.node.gossip.Topics;
import io.perpnet.node.rfq.TraderDesk;
import io.perpnet.node.rfq.TraderEngine;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The devnet validator with the escrow deployed, BTC-PERP priced by two of three oracles, a
 * trader and a maker onboarded with 10,000 USDC each, and their nodes on 127.0.0.1 meshed on the
 * market's topics.
 */
public final class ChainScene implements AutoCloseable {
  public static final long USDC = EscrowWorld.USDC;
  public static final long PRICE = 67_000_000_000L; // 67,000 USDC per BTC, 6 decimals

  public final EscrowWorld world;
  public final Ed25519KeyPair traderKey = Ed25519KeyPair.generate();
  public final Ed25519KeyPair makerKey = Ed25519KeyPair.generate();
  public final Node maker;
  public final Node trader;
  /** The trader's USDC token account (it holds what was not deposited). */
  public final org.p2p.solanaj.core.PublicKey traderWallet;

  private final int maxOpenPositions;
  private final RiskConfig risk;
  private final UnaryOperator<URI> traderWs;
  /** Both nodes serve the agent API on a free loopback port, with a rate no test reaches. */
  private final ApiConfig api = ApiConfig.loopback().withRate(10_000, 10_000);

  public ChainScene(final Path dir, final Optional<InetSocketAddress> traderMetrics) throws Exception {
    this(dir, traderMetrics, 10);
  }

  /** @param maxOpenPositions both agents' limit (a benchmark opens many in a row) */
  public ChainScene(final Path dir, final Optional<InetSocketAddress> traderMetrics, final int maxOpenPositions)
      throws Exception {
    this(dir, traderMetrics, maxOpenPositions, UnaryOperator.identity());
  }

  /** @param traderWs the PubSub URL the trader's node uses, from the validator's (a proxy in front, say) */
  public ChainScene(final Path dir, final Optional<InetSocketAddress> traderMetrics, final int maxOpenPositions,
      final UnaryOperator<URI> traderWs) throws Exception {
    this(dir, traderMetrics, maxOpenPositions, traderWs, LENIENT);
  }

  /**
   * Breakers no test trips by accident (the tests close many positions at mark: each a small loss,
   * the taker fee) and no oversized-intent check; a test of those gives its own.
   */
  public static final RiskConfig LENIENT = new RiskConfig(1_000_000 * USDC, 1_000, 0, 0, 0, 10_000_000 * USDC);

  /** @param risk both agents' circuit breakers */
  public ChainScene(final Path dir, final Optional<InetSocketAddress> traderMetrics, final int maxOpenPositions,
      final UnaryOperator<URI> traderWs, final RiskConfig risk) throws Exception {
    this.risk = risk;
    this.maxOpenPositions = maxOpenPositions;
    this.traderWs = traderWs;
    world = EscrowWorld.start();
    world.oracles(2, 3);
    world.client.createMarket(world.admin, MarketConfig.BTC_PERP);
    world.postPrice(1, PRICE, 2);
    traderWallet = world.onboard(traderKey, 20_000 * USDC, 10_000 * USDC);
    world.onboard(makerKey, 10_000 * USDC, 10_000 * USDC);
    maker = Node.start(config(dir, "maker", Set.of(NodeRole.MAKER), List.of(), Optional.empty()), makerKey);
    trader = Node.start(config(dir, "trader", Set.of(NodeRole.TRADER), maker.listenAddresses(), traderMetrics), traderKey);
    for (final MessageType kind : List.of(MessageType.INTENT, MessageType.QUOTE)) {
      final String topic = Topics.topic(world.programId, 1, kind);
      ((LibP2pNetwork) trader.network()).gossip().awaitMesh(topic, Set.of(maker.peerId())).get(20, TimeUnit.SECONDS);
      ((LibP2pNetwork) maker.network()).gossip().awaitMesh(topic, Set.of(trader.peerId())).get(20, TimeUnit.SECONDS);
    }
  }

  private NodeConfig config(final Path dir, final String name, final Set<NodeRole> roles, final List<Multiaddr> bootstrap,
      final Optional<InetSocketAddress> metrics) {
    final URI ws = name.equals("trader") ? traderWs.apply(URI.create(world.validator.wsUrl))
        : URI.create(world.validator.wsUrl);
    return NodeConfig.builder(dir.resolve(name), URI.create(world.validator.rpcUrl), ws, world.programId.bytes(),
        world.mint.toByteArray()).bootstrap(bootstrap).markets(List.of("BTC-PERP")).roles(roles)
        .limits(new AgentLimits(20, 100_000 * USDC, maxOpenPositions)).metrics(metrics).api(api).risk(risk)
        .build();
  }

  /** The trader buys {@code size} (first acceptable quote); the countersigned match. */
  public Signed<MatchTerms> buy(final long size) throws Exception {
    return buy(size, 60_000);
  }

  /** As {@link #buy(long)}, with match terms that may be submitted for {@code acceptLifetimeMs}. */
  public Signed<MatchTerms> buy(final long size, final long acceptLifetimeMs) throws Exception {
    final var placed = trader.trader().place(new TraderEngine.IntentRequest(1, Side.LONG, size, 2 * PRICE, 0, 10_000,
        10, 30_000, 30_000, true, acceptLifetimeMs)).get(10, TimeUnit.SECONDS);
    final List<TraderDesk.Outcome> fills = placed.fills().get(30, TimeUnit.SECONDS);
    if (!(fills.getFirst() instanceof TraderDesk.Outcome.Matched m)) {
      throw new AssertionError("no match: " + fills);
    }
    return m.match();
  }

  @Override
  public void close() throws Exception {
    trader.close();
    maker.close();
    world.close();
  }
}
