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
}
