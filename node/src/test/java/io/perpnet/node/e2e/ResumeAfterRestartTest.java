package io.perpnet.node.e2e;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.testing.EscrowWorld;
import io.perpnet.node.Node;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that died after countersigning, before the position opened: restarted, it submits the match. */
class ResumeAfterRestartTest {
  @TempDir
  Path dir;

  @Test
  void aStoredMatchNotYetOpenIsSubmittedWhenTheNodeStartsAgain() throws Exception {
    try (EscrowWorld world = EscrowWorld.start()) {
      world.oracles(2, 3);
      world.client.createMarket(world.admin, MarketConfig.BTC_PERP);
      final long price = 67_000_000_000L;
      world.postPrice(1, price, 2);
      final Ed25519KeyPair trader = Ed25519KeyPair.generate();
      final Ed25519KeyPair maker = Ed25519KeyPair.generate();
      world.onboard(trader, 10_000 * EscrowWorld.USDC, 10_000 * EscrowWorld.USDC);
      world.onboard(maker, 10_000 * EscrowWorld.USDC, 10_000 * EscrowWorld.USDC);
      final Signed<MatchTerms> match = world.match(trader, maker, new MarketParams(1, "BTC-PERP", 8, 50),
          EscrowWorld.Trade.of(1_000_000L, price, 10));
      // the state a crash right after countersigning leaves: the reservation and the match, no position
      final Path data = dir.resolve("trader");
      try (Store s = Store.open(data)) {
        final MatchTerms t = match.payload();
        new StoredReservations(s).add(new Reservation(match.hash(), Role.TRADER, t.intentHash(), t.size(),
            t.traderMargin(), 670 * EscrowWorld.USDC, t.header().expiryMs()),
            List.of(new Event.Change(Column.MATCHES, match.hash().bytes(), match.toWire())));
      }
      final NodeConfig config = NodeConfig.builder(data, URI.create(world.validator.rpcUrl),
          URI.create(world.validator.wsUrl), world.programId.bytes(), world.mint.toByteArray())
          .markets(List.of("BTC-PERP")).limits(new AgentLimits(20, 100_000_000_000L, 10))
          .priorityFee(5).build(); // with a priority fee: the budget instructions land too
      try (Node node = Node.start(config, trader)) {
        assertInstanceOf(Submitter.Outcome.Opened.class, node.submission(match.hash()).get(60, TimeUnit.SECONDS));
        assertTrue(world.client.position(match).isPresent());
      }
    }
  }
}
