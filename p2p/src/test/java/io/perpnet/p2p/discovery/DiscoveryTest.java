package io.perpnet.p2p.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.host.Connection;
import io.perpnet.p2p.host.Host;
import io.perpnet.p2p.host.HostConfig;
import io.perpnet.p2p.host.PeerListener;
import io.perpnet.p2p.identify.Identify;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  @Test
  void redialsALostBootstrapPeerAndDialsPeersLearntFromIdentify() throws Exception {
    try (Host a = new Host(Ed25519KeyPair.generate(), HostConfig.defaults());
        Host boot = new Host(Ed25519KeyPair.generate(), HostConfig.defaults());
        Host other = new Host(Ed25519KeyPair.generate(), HostConfig.defaults())) {
      for (final Host h : List.of(a, boot, other)) {
        Identify.install(h);
      }
      final Multiaddr bootAddr = boot.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      final Multiaddr otherAddr = other.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      final LinkedBlockingQueue<PeerId> connected = new LinkedBlockingQueue<>();
      a.addListener(new PeerListener() {
        @Override
        public void connected(final PeerId peer, final Connection connection) {
          connected.add(peer);
        }
      });
      // target 1 peer: only the bootstrap peer is dialled
      try (Discovery d = new Discovery(a, List.of(bootAddr), 1, Duration.ofMillis(100))) {
        assertEquals(boot.peerId(), connected.poll(10, TimeUnit.SECONDS));
        // the connection is lost: discovery dials the bootstrap peer again
        a.connection(boot.peerId()).orElseThrow().close();
        assertEquals(boot.peerId(), connected.poll(10, TimeUnit.SECONDS));
      }
      // a peer we only know from the address book (as Identify fills it) is dialled while below target
      a.addressBook().addAddresses(other.peerId(), List.of(otherAddr));
      try (Discovery d = new Discovery(a, List.of(), 2, Duration.ofMillis(100))) {
        assertEquals(other.peerId(), connected.poll(10, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void dialsDns4Addresses() throws Exception {
    try (Host a = new Host(Ed25519KeyPair.generate(), HostConfig.defaults());
        Host b = new Host(Ed25519KeyPair.generate(), HostConfig.defaults())) {
      final Multiaddr v4 = b.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      final String port = v4.valueOf(io.perpnet.p2p.multiaddr.Protocol.TCP).orElseThrow();
      final Connection c = a.dial(Multiaddr.parse("/dns4/localhost/tcp/" + port + "/p2p/" + b.peerId()))
          .get(5, TimeUnit.SECONDS);
      assertEquals(b.peerId(), c.remotePeer());
    }
  }

  @Test
  void dialsIp6Addresses() throws Exception {
    assumeTrue(hasIpv6Loopback(), "this host has no IPv6 loopback (::1 cannot be bound), so there is nothing to dial");
    try (Host a = new Host(Ed25519KeyPair.generate(), HostConfig.defaults());
        Host b = new Host(Ed25519KeyPair.generate(), HostConfig.defaults())) {
      final Multiaddr v6 = b.listen(Multiaddr.parse("/ip6/::1/tcp/0")).get(5, TimeUnit.SECONDS);
      assertEquals(b.peerId(), a.dial(v6).get(5, TimeUnit.SECONDS).remotePeer());
    }
  }

  private static boolean hasIpv6Loopback() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
