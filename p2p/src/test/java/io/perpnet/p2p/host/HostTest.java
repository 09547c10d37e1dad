package io.perpnet.p2p.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.identify.Identify;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.ping.Ping;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostTest {
  private final Host a = new Host(Ed25519KeyPair.generate(), HostConfig.defaults());
  private final Host b = new Host(Ed25519KeyPair.generate(), HostConfig.defaults());

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  @Test
  void dialsPingsAndIdentifies() throws Exception {
    final Ping pingA = Ping.install(a);
    Ping.install(b);
    Identify.install(a);
    Identify.install(b);
    final CompletableFuture<PeerRecord> identified = new CompletableFuture<>();
    a.addListener(new PeerListener() {
      @Override
      public void identified(final PeerId peer, final PeerRecord record) {
        identified.complete(record);
      }
    });
    final Multiaddr listen = b.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    final Connection c = a.dial(listen).get(5, TimeUnit.SECONDS);
    assertEquals(b.peerId(), c.remotePeer());
    final Duration rtt = pingA.ping(b.peerId()).get(5, TimeUnit.SECONDS);
    assertTrue(rtt.isPositive() && rtt.compareTo(Duration.ofSeconds(5)) < 0, rtt.toString());
    final PeerRecord record = identified.get(5, TimeUnit.SECONDS);
    assertTrue(record.protocols().containsAll(java.util.List.of(Ping.PROTOCOL, Identify.PROTOCOL)), record.toString());
    assertEquals(HostConfig.AGENT_VERSION, record.agentVersion());
    assertEquals(java.util.List.of(listen.withoutPeerId()), record.addresses());
  }

  @Test
  void dialFailsWhenTheRemoteIsNotThePeerInTheAddress() throws Exception {
    final Multiaddr listen = b.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    final PeerId impostor = PeerId.of(Ed25519KeyPair.generate().publicKey());
    final java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.util.concurrent.ExecutionException.class,
        () -> a.dial(listen.withPeerId(impostor)).get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains(impostor.toBase58()), e.getCause().getMessage());
    assertTrue(a.connectedPeers().isEmpty());
  }

  @Test
  void aSilentTcpClientIsDisconnectedAtTheHandshakeTimeout() throws Exception {
    try (Host slow = new Host(Ed25519KeyPair.generate(), HostConfig.builder()
        .handshakeTimeout(Duration.ofMillis(300)).negotiationTimeout(Duration.ofSeconds(1)).build())) {
      final Multiaddr listen = slow.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", Integer.parseInt(listen.valueOf(
          io.perpnet.p2p.multiaddr.Protocol.TCP).orElseThrow()))) {
        s.setSoTimeout(5000);
        final long start = System.nanoTime();
        final java.io.InputStream in = s.getInputStream();
        while (in.read() >= 0) {
          // the responder sends nothing before our header; read until it closes
        }
        final long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 250 && ms < 4000, ms + " ms");
      }
    }
  }

  @Test
  void connectionsBeyondTheLimitAreRefused() throws Exception {
    try (Host small = new Host(Ed25519KeyPair.generate(), HostConfig.builder()
        .admission(Admission.Limits.defaults().withMaxInbound(1, 0)).build());
        Host c = new Host(Ed25519KeyPair.generate(), HostConfig.defaults())) {
      final CompletableFuture<PeerId> admitted = new CompletableFuture<>();
      small.addListener(new PeerListener() {
        @Override
        public void connected(final PeerId peer, final Connection connection) {
          admitted.complete(peer);
        }
      });
      final Multiaddr listen = small.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      a.dial(listen).get(5, TimeUnit.SECONDS);
      assertEquals(a.peerId(), admitted.get(5, TimeUnit.SECONDS));
      org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
          () -> c.dial(listen).get(5, TimeUnit.SECONDS));
      assertEquals(java.util.List.of(a.peerId()), small.connectedPeers());
    }
  }

  @Test
  void requestResponseRoundTripAndUnknownProtocolsFail() throws Exception {
    final io.perpnet.p2p.reqresp.RequestResponse server = new io.perpnet.p2p.reqresp.RequestResponse(
        b, 1024, Duration.ofSeconds(5));
    server.serve("/perp/echo/1", (peer, req) -> CompletableFuture.completedFuture(
        (peer.toBase58() + ":" + new String(req, java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    final io.perpnet.p2p.reqresp.RequestResponse client = new io.perpnet.p2p.reqresp.RequestResponse(
        a, 1024, Duration.ofSeconds(5));
    final Multiaddr listen = b.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    a.dial(listen).get(5, TimeUnit.SECONDS);
    final byte[] answer = client.request(b.peerId(), "/perp/echo/1", "hi".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .get(5, TimeUnit.SECONDS);
    assertEquals(a.peerId().toBase58() + ":hi", new String(answer, java.nio.charset.StandardCharsets.UTF_8));
    final java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.util.concurrent.ExecutionException.class,
        () -> client.request(b.peerId(), "/perp/nothing/1", new byte[] {1}).get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof ProtocolNegotiationException, e.getCause().toString());
    org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
        () -> client.request(b.peerId(), "/perp/echo/1", new byte[2000]).get(5, TimeUnit.SECONDS));
  }

  @Test
  void aConnectionWithNothingToReadIsClosedAtTheIdleTimeout() throws Exception {
    final HostConfig quiet = HostConfig.builder().handshakeTimeout(Duration.ofSeconds(5))
        .negotiationTimeout(Duration.ofSeconds(5)).idleTimeout(Duration.ofMillis(400))
        .keepAliveInterval(Duration.ofMinutes(10)).maxStreamsPerConnection(16).maxMessageSize(1024).build();
    try (Host idle = new Host(Ed25519KeyPair.generate(), quiet)) {
      final CompletableFuture<PeerId> gone = new CompletableFuture<>();
      idle.addListener(new PeerListener() {
        @Override
        public void disconnected(final PeerId peer) {
          gone.complete(peer);
        }
      });
      final Multiaddr listen = idle.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      final long start = System.nanoTime();
      a.dial(listen).get(5, TimeUnit.SECONDS); // a pings only every 30 s, so the line goes quiet
      assertEquals(a.peerId(), gone.get(5, TimeUnit.SECONDS));
      assertTrue((System.nanoTime() - start) / 1_000_000 >= 350);
    }
  }

  @Test
  void aStreamThatNeverNegotiatesIsResetAtTheNegotiationTimeout() throws Exception {
    try (Host strict = new Host(Ed25519KeyPair.generate(), HostConfig.builder()
        .handshakeTimeout(Duration.ofSeconds(5)).negotiationTimeout(Duration.ofMillis(300)).build())) {
      final Multiaddr listen = strict.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      final Connection c = a.dial(listen).get(5, TimeUnit.SECONDS);
      final long start = System.nanoTime();
      // a bare stream: no multistream header ever comes from our side
      final io.perpnet.p2p.yamux.YamuxStream stream = c.session().openStream(s -> {}).get(5, TimeUnit.SECONDS);
      assertTrue(stream.closeFuture().await(5, TimeUnit.SECONDS), "the stream was never reset");
      final long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms >= 250, ms + " ms");
      assertTrue(c.isOpen(), "only the stream goes, not the connection");
    }
  }

  @Test
  void aBannedPeerIsRefusedAtTheHandshakeUntilTheBanIsLifted() throws Exception {
    final Multiaddr address = b.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    final java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
    b.addListener(new PeerListener() {
      @Override
      public void connected(final PeerId peer, final Connection connection) {
        admitted.incrementAndGet();
      }
    });
    b.gater().ban(a.peerId(), Duration.ofMinutes(5));
    // the dial either fails or its connection is closed by b at once: wait for whichever happens
    final CompletableFuture<Void> refused = new CompletableFuture<>();
    a.addListener(new PeerListener() {
      @Override
      public void disconnected(final PeerId peer) {
        refused.complete(null);
      }
    });
    a.dial(address).whenComplete((c, e) -> {
      if (e != null) {
        refused.complete(null);
      }
    });
    refused.get(10, TimeUnit.SECONDS);
    assertEquals(0, admitted.get(), "b admitted a banned peer");
    assertTrue(b.connection(a.peerId()).isEmpty());
    b.gater().lift(a.peerId());
    assertEquals(b.peerId(), a.dial(address).get(10, TimeUnit.SECONDS).remotePeer());
  }
}
