package io.perpnet.node.crash;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.node.rfq.RfqService;
import io.perpnet.node.rfq.SpreadStrategy;
import io.perpnet.node.rfq.TraderDesk;
import io.perpnet.node.rfq.TraderEngine;
import io.perpnet.node.store.Store;
import io.perpnet.p2p.LibP2pNetwork;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.pubsub.ScoreParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One node of the crash harness, as a process of its own: its store, libp2p on a fixed port and
 * the RFQ service, with no chain (the commitments are what a crash may break). A trader places
 * intents in a loop, each small enough that a few fill one quote and a quote may serve several;
 * a maker quotes them. Prints {@code READY <address>}, then (trader) one {@code MATCH <id>} per
 * countersigned match, which the harness counts to choose when to kill.
 *
 * <pre>args: trader|maker KEY-FILL DATA-DIR PORT [BOOTSTRAP-MULTIADDR]</pre>
 */
public final class CrashNode {
  static final AgentLimits LIMITS = new AgentLimits(50, 10_000_000_000_000L, 1_000_000);

  private CrashNode() {}

  public static void main(final String[] args) throws Exception {
    final boolean trader = args[0].equals("trader");
    final Ed25519KeyPair key = Fixtures.key(Integer.parseInt(args[1]));
    final Store store = Store.open(Path.of(args[2]));
    final LibP2pNetwork net = P2pNetwork.start(P2pNetwork.Config.builder(key)
        .listen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + args[3])))
        .bootstrap(args.length > 4 ? List.of(Multiaddr.parse(args[4])) : List.of()).targetPeers(1)
        .score(ScoreParams.defaults().withIpWhitelist(Set.of("127.0.0.1"))).build());
    final RfqService rfq = new RfqService(new RfqService.Wiring(key, Fixtures.PROGRAM,
        Map.of(Fixtures.BTC.id(), Fixtures.BTC), LIMITS, Set.of(trader ? Role.TRADER : Role.MAKER), store, net,
        () -> 1_000_000_000_000_000L, m -> OptionalLong.of(Fixtures.PRICE),
        new SpreadStrategy(10, 2 * Fixtures.SIZE, 100, 20, 5_000), System::currentTimeMillis,
        () -> System.currentTimeMillis() * 1000, q -> {}, m -> {}));
    rfq.start();
    System.out.println("READY " + net.listenAddresses().getFirst());
    System.out.flush();
    if (!trader) {
      Thread.currentThread().join(); // the maker answers until it is killed
    }
    while (true) {
      // intents of 3 x SIZE taken in fills of up to 2 x SIZE: a quote (2 x SIZE) serves parts of several
      final var placed = rfq.trader().place(new TraderEngine.IntentRequest(Fixtures.BTC.id(), Side.LONG,
          3 * Fixtures.SIZE, Fixtures.PRICE * 2, 0, 1_000, 10, 10_000, 200, false, 10_000)).get(10, TimeUnit.SECONDS);
      for (final TraderDesk.Outcome o : placed.fills().get(20, TimeUnit.SECONDS)) {
        if (o instanceof TraderDesk.Outcome.Matched m) {
          System.out.println("MATCH " + m.match().hash().toHex());
          System.out.flush();
        }
      }
    }
  }
}
