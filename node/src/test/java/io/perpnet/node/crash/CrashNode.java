package io.perpnet.node.crash;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.identity.Base58;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.node.Node;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.rfq.SpreadStrategy;
import io.perpnet.node.rfq.TraderDesk;
import io.perpnet.node.rfq.TraderEngine;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One node of the crash harness, as a process of its own: a whole {@link Node} on a fixed port,
 * against the devnet validator the harness runs. In {@code trade} mode a trader places intents in
 * a loop, each small enough that a few fill one quote and a quote may serve several; a maker
 * quotes them (quotes of 2 x SIZE). It prints {@code READY <address>}, then (trader) one
 * {@code MATCH <id>} per countersigned match, which the harness counts to choose when to kill. In
 * {@code settle} mode it places nothing and exits once no reservation is left undecided (opened on
 * chain, or released after its terms expired), printing {@code SETTLED}.
 *
 * <pre>args: trader|maker KEY-FILL DATA-DIR PORT RPC-URL WS-URL PROGRAM MINT trade|settle [BOOTSTRAP-MULTIADDR]</pre>
 */
public final class CrashNode {
  static final AgentLimits LIMITS = new AgentLimits(50, 10_000_000_000_000L, 1_000_000);
  /** The oracle price the harness posts, 6 decimals. */
  static final long PRICE = 67_000_000_000L;

  private CrashNode() {}

  public static void main(final String[] args) throws Exception {
    final boolean trader = args[0].equals("trader");
    final Ed25519KeyPair key = Fixtures.key(Integer.parseInt(args[1]));
    final Path data = Path.of(args[2]);
    final NodeConfig config = NodeConfig.builder(data, URI.create(args[4]), URI.create(args[5]),
        Base58.decode(args[6]), Base58.decode(args[7]))
        .listen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + args[3])))
        .bootstrap(args.length > 9 ? List.of(Multiaddr.parse(args[9])) : List.of()).markets(List.of("BTC-PERP"))
        .roles(Set.of(trader ? io.perpnet.node.config.NodeRole.TRADER : io.perpnet.node.config.NodeRole.MAKER)).limits(LIMITS).build();
    final Node node = Node.create(config, key, new SpreadStrategy(10, 2 * Fixtures.SIZE, 100, 20, 5_000));
    node.start();
    System.out.println("READY " + node.listenAddresses().getFirst());
    System.out.flush();
    if (args[8].equals("settle")) {
      settle(node);
      return;
    }
    if (!trader) {
      Thread.currentThread().join(); // the maker answers until it is killed
    }
    while (true) {
      // intents of 3 x SIZE taken in fills of up to 2 x SIZE: a quote (2 x SIZE) serves parts of several
      final var placed = node.trader().place(new TraderEngine.IntentRequest(1, Side.LONG, 3 * Fixtures.SIZE, PRICE * 2,
          0, 1_000, 10, 10_000, 200, false, 10_000)).get(10, TimeUnit.SECONDS);
      for (final TraderDesk.Outcome o : placed.fills().get(20, TimeUnit.SECONDS)) {
        if (o instanceof TraderDesk.Outcome.Matched m) {
          System.out.println("MATCH " + m.match().hash().toHex());
          System.out.flush();
        }
      }
    }
  }

  /** Waits, on the store's events, until every reservation is opened or released; then stops cleanly. */
  private static void settle(final Node node) throws Exception {
    // the listener only signals: it runs under the store's lock, the book's lock is taken here
    final LinkedBlockingQueue<Long> written = new LinkedBlockingQueue<>();
    node.store().addListener(e -> written.add(e.sequence()));
    while (!node.reservations().unopened().isEmpty()) {
      if (written.poll(120, TimeUnit.SECONDS) == null) {
        throw new IllegalStateException("undecided after 120 s: " + node.reservations().unopened());
      }
    }
    System.out.println("SETTLED");
    System.out.flush();
    node.close();
    System.exit(0);
  }
}
