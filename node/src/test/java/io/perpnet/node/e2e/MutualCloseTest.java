package io.perpnet.node.e2e;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.node.chain.Submitter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual close between two nodes: a fair price is signed by both and closes the position on chain; a greedy one is refused. */
class MutualCloseTest {
  @TempDir
  Path dir;

  @Test
  void theMakerProposesACloseTheTraderSignsItAndTheChainClosesThePosition() throws Exception {
    try (ChainScene s = new ChainScene(dir, Optional.empty())) {
      final var match = s.buy(1_000_000L);
      assertInstanceOf(Submitter.Outcome.Opened.class, s.trader.submission(match.hash()).get(60, TimeUnit.SECONDS));
      // far below the mark: the trader (a long, selling back) refuses to sign
      final ExecutionException greedy = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> s.maker.closeMutual(match, ChainScene.PRICE / 2).get(30, TimeUnit.SECONDS));
      assertTrue(greedy.getCause().getMessage().contains("PRICE_OUTSIDE_LIMIT"), greedy.getCause().getMessage());
      final java.util.concurrent.CompletableFuture<Void> traderSaw = new java.util.concurrent.CompletableFuture<>();
      s.trader.store().addListener(e -> {
        if (e.kind().equals("position.closed")) {
          traderSaw.complete(null);
        }
      });
      final var closed = s.maker.closeMutual(match, ChainScene.PRICE).get(60, TimeUnit.SECONDS);
      assertTrue(closed.closed() && s.world.client.position(match).orElseThrow().closed());
      // the trader did not send the close: its node follows the position and sees it closed
      traderSaw.get(30, TimeUnit.SECONDS);
      assertTrue(s.trader.reservations().find(match.hash()).isEmpty(), "the trader's reservation is released");
      assertTrue(s.maker.reservations().find(match.hash()).isEmpty(), "and the maker's");
      assertTrue(s.world.client.margin(EscrowClient.key(s.traderKey)).orElseThrow().openPositions() == 0);
    }
  }
}
