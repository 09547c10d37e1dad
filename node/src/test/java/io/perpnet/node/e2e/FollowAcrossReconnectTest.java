package io.perpnet.node.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.node.chain.Submitter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trader's node loses its PubSub connection; the maker closes their position meanwhile. Once
 * the connection is back, the trader's node subscribes again, reads its positions and finds the
 * close it was not told of: no change is missed.
 */
class FollowAcrossReconnectTest {
  @TempDir
  Path dir;

  @Test
  void aCloseMadeWhileDisconnectedIsFoundAfterReconnecting() throws Exception {
    final AtomicReference<CuttableProxy> proxy = new AtomicReference<>();
    try (ChainScene s = new ChainScene(dir, Optional.empty(), 10, ws -> {
      try {
        proxy.set(new CuttableProxy(new InetSocketAddress(ws.getHost(), ws.getPort())));
      } catch (java.io.IOException e) {
        throw new UncheckedIOException(e);
      }
      return URI.create("ws://127.0.0.1:" + proxy.get().port());
    })) {
      assertEquals(0, s.trader.watch().subscribed().get(30, TimeUnit.SECONDS));
      final var match = s.buy(1_000_000L);
      assertInstanceOf(Submitter.Outcome.Opened.class, s.trader.submission(match.hash()).get(60, TimeUnit.SECONDS));
      final var connected = s.trader.watch().subscribed();
      final var lost = s.trader.watch().lost();

      proxy.get().cut();
      final CompletableFuture<Void> traderSaw = new CompletableFuture<>();
      s.trader.store().addListener(e -> {
        if (e.kind().equals("position.closed")) {
          traderSaw.complete(null);
        }
      });
      s.maker.closeAtMark(match).get(60, TimeUnit.SECONDS);
      assertTrue(s.world.client.position(match).orElseThrow().closed());
      assertFalse(traderSaw.isDone(), "cut off, the trader's node cannot have been told");
      assertTrue(s.trader.reservations().find(match.hash()).isPresent());
      lost.get(60, TimeUnit.SECONDS); // the node noticed the cut (a loaded machine may take a while)

      proxy.get().restore();
      final var again = s.trader.watch().subscribed();
      assertTrue(again != connected, "the lost connection was noticed");
      assertEquals(1, again.get(60, TimeUnit.SECONDS), "the reconciliation found the close");
      traderSaw.get(5, TimeUnit.SECONDS);
      assertTrue(s.trader.reservations().find(match.hash()).isEmpty(), "the trader's reservation is released");
    } finally {
      if (proxy.get() != null) {
        proxy.get().close();
      }
    }
  }
}
