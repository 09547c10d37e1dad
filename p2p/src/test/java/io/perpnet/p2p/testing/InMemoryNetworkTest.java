package io.perpnet.p2p.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.pubsub.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryNetworkTest {
  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void publishedMessagesPassTheValidatorAndArriveInTheSendersOrderOnce() throws Exception {
    try (InMemoryNetwork.Hub hub = new InMemoryNetwork.Hub()) {
      final InMemoryNetwork a = hub.join(Ed25519KeyPair.generate());
      final InMemoryNetwork b = hub.join(Ed25519KeyPair.generate());
      final List<String> got = new CopyOnWriteArrayList<>();
      final CompletableFuture<Void> fenced = new CompletableFuture<>();
      b.subscribe("t", m -> new String(m.data(), StandardCharsets.UTF_8).startsWith("bad")
          ? ValidationResult.REJECT : ValidationResult.ACCEPT, m -> {
            final String text = new String(m.data(), StandardCharsets.UTF_8);
            got.add(text + " from " + (m.receivedFrom().equals(a.peerId()) ? "a" : "?"));
            if (text.equals("fence")) {
              fenced.complete(null);
            }
          });
      for (final String s : List.of("one", "bad", "two", "one", "three")) {
        a.publish("t", bytes(s)).get(5, TimeUnit.SECONDS);
      }
      // the fence comes after everything published before it: by then a duplicate or a refused message would be in
      a.publish("t", bytes("fence")).get(5, TimeUnit.SECONDS);
      fenced.get(5, TimeUnit.SECONDS);
      assertEquals(List.of("one from a", "two from a", "three from a", "fence from a"), List.copyOf(got));
    }
  }

  @Test
  void requestsReachTheResponderAndPeerEventsFollowJoinAndClose() throws Exception {
    try (InMemoryNetwork.Hub hub = new InMemoryNetwork.Hub()) {
      final InMemoryNetwork a = hub.join(Ed25519KeyPair.generate());
      final CompletableFuture<PeerId> joined = new CompletableFuture<>();
      final CompletableFuture<PeerId> left = new CompletableFuture<>();
      a.addPeerListener(new P2pNetwork.PeerEvents() {
        @Override
        public void connected(final PeerId peer) {
          joined.complete(peer);
        }

        @Override
        public void disconnected(final PeerId peer) {
          left.complete(peer);
        }
      });
      final InMemoryNetwork b = hub.join(Ed25519KeyPair.generate());
      assertEquals(b.peerId(), joined.get(5, TimeUnit.SECONDS));
      b.serve("/echo", (peer, req) -> CompletableFuture.completedFuture(
          (peer.equals(a.peerId()) ? "a:" : "?:").concat(new String(req, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
      assertEquals("a:hi", new String(a.request(b.peerId(), "/echo", bytes("hi")).get(5, TimeUnit.SECONDS),
          StandardCharsets.UTF_8));
      final ExecutionException e = assertThrows(ExecutionException.class,
          () -> a.request(b.peerId(), "/other", bytes("x")).get(5, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("does not serve /other"));
      b.close();
      assertEquals(b.peerId(), left.get(5, TimeUnit.SECONDS));
      assertEquals(List.of(), a.connectedPeers());
    }
  }
}
