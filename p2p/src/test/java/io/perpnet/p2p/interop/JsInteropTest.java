package io.perpnet.p2p.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.host.HostConfig;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our libp2p against js-libp2p 3.3.11 (real node processes from p2p/interop) on 127.0.0.1: both
 * dial directions, both signature policies, relays through either implementation, ping, identify
 * and a mixed mesh.
 */
class JsInteropTest {
  private static final String TOPIC = "perp/interop";
  private final List<TestPeer> peers = new ArrayList<>();

  @AfterEach
  void stop() {
    peers.forEach(TestPeer::close);
  }

  private <T extends TestPeer> T add(final T peer) {
    peers.add(peer);
    return peer;
  }

  private static void meshed(final TestPeer a, final TestPeer b) throws Exception {
    a.awaitMesh(Set.of(b.peerId()));
    b.awaitMesh(Set.of(a.peerId()));
  }

  private static void gossipBothWays(final TestPeer a, final TestPeer b, final boolean nosign) throws Exception {
    meshed(a, b);
    a.publish("from " + a.peerId());
    b.publish("from " + b.peerId());
    assertEquals(nosign ? "-" : a.peerId(), b.awaitMessage("from " + a.peerId()));
    assertEquals(nosign ? "-" : b.peerId(), a.awaitMessage("from " + b.peerId()));
  }

  @ParameterizedTest(name = "nosign={0}")
  @ValueSource(booleans = {false, true})
  void javaDialsJs(final boolean nosign) throws Exception {
    final JsPeer js = add(new JsPeer((byte) 0x51, TOPIC, nosign));
    final JavaPeer java = add(new JavaPeer((byte) 0x61, TOPIC, nosign, js.address()));
    gossipBothWays(java, js, nosign);
  }

  @ParameterizedTest(name = "nosign={0}")
  @ValueSource(booleans = {false, true})
  void jsDialsJava(final boolean nosign) throws Exception {
    final JavaPeer java = add(new JavaPeer((byte) 0x62, TOPIC, nosign));
    final JsPeer js = add(new JsPeer((byte) 0x52, TOPIC, nosign, java.address()));
    gossipBothWays(java, js, nosign);
  }

  @ParameterizedTest(name = "nosign={0}")
  @ValueSource(booleans = {false, true})
  void messagesCrossJavaInTheMiddle(final boolean nosign) throws Exception {
    final JavaPeer middle = add(new JavaPeer((byte) 0x63, TOPIC, nosign));
    final JsPeer left = add(new JsPeer((byte) 0x53, TOPIC, nosign, middle.address()));
    final JsPeer right = add(new JsPeer((byte) 0x54, TOPIC, nosign, middle.address()));
    relays(left, middle, right, nosign);
  }

  @ParameterizedTest(name = "nosign={0}")
  @ValueSource(booleans = {false, true})
  void messagesCrossJsInTheMiddle(final boolean nosign) throws Exception {
    final JsPeer middle = add(new JsPeer((byte) 0x55, TOPIC, nosign));
    final JavaPeer left = add(new JavaPeer((byte) 0x64, TOPIC, nosign, middle.address()));
    final JavaPeer right = add(new JavaPeer((byte) 0x65, TOPIC, nosign, middle.address()));
    relays(left, middle, right, nosign);
  }

  private static void relays(final TestPeer left, final TestPeer middle, final TestPeer right, final boolean nosign)
      throws Exception {
    middle.awaitMesh(Set.of(left.peerId(), right.peerId()));
    left.awaitMesh(Set.of(middle.peerId()));
    right.awaitMesh(Set.of(middle.peerId()));
    left.publish("left to right");
    right.publish("right to left");
    assertEquals(nosign ? "-" : left.peerId(), right.awaitMessage("left to right"));
    assertEquals(nosign ? "-" : right.peerId(), left.awaitMessage("right to left"));
    assertEquals(nosign ? "-" : left.peerId(), middle.awaitMessage("left to right"));
  }

  @Test
  void pingBothWaysAndJsSeesOurIdentify() throws Exception {
    final JavaPeer java = add(new JavaPeer((byte) 0x66, TOPIC, false));
    final JsPeer js = add(new JsPeer((byte) 0x56, TOPIC, false, java.address()));
    // js identifies us once the connection is up on both sides
    final String line = js.await(0, l -> l.startsWith("IDENTIFY " + java.peerId() + " "));
    final Duration rtt = java.network.ping(PeerId.parse(js.peerId())).get(10, TimeUnit.SECONDS);
    assertTrue(rtt.isPositive(), rtt.toString());
    final String pong = js.ask("!ping " + java.address(), l -> l.startsWith("PONG "));
    assertEquals(java.peerId(), pong.split(" ")[1]);

    final JsonNode id = new ObjectMapper().readTree(line.substring(line.indexOf('{')));
    final Set<String> protocols = new HashSet<>();
    id.get("protocols").forEach(p -> protocols.add(p.asText()));
    assertTrue(protocols.containsAll(Set.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/meshsub/1.1.0", "/meshsub/1.0.0")),
        protocols.toString());
    assertEquals(HostConfig.AGENT_VERSION, id.get("agentVersion").asText());
    assertEquals("ipfs/0.1.0", id.get("protocolVersion").asText());
    assertEquals(java.address().withoutPeerId().toString(), id.get("listenAddrs").get(0).asText());
  }

  @Test
  void mixedMeshOfSixDeliversEveryMessageToEveryPeer() throws Exception {
    // a ring j0 - s0 - j1 - s1 - j2 - s2 - j0 plus chords j0 - j1 and s0 - s2: no one is connected to all
    final JavaPeer j0 = add(new JavaPeer((byte) 0x71, TOPIC, true));
    final JsPeer s0 = add(new JsPeer((byte) 0x81, TOPIC, true, j0.address()));
    final JavaPeer j1 = add(new JavaPeer((byte) 0x72, TOPIC, true, s0.address(), j0.address()));
    final JsPeer s1 = add(new JsPeer((byte) 0x82, TOPIC, true, j1.address()));
    final JavaPeer j2 = add(new JavaPeer((byte) 0x73, TOPIC, true, s1.address()));
    final JsPeer s2 = add(new JsPeer((byte) 0x83, TOPIC, true, j2.address(), j0.address(), s0.address()));
    final List<TestPeer> all = List.of(j0, s0, j1, s1, j2, s2);
    j0.awaitMesh(Set.of(s0.peerId(), j1.peerId(), s2.peerId()));
    s0.awaitMesh(Set.of(j0.peerId(), j1.peerId(), s2.peerId()));
    j1.awaitMesh(Set.of(s0.peerId(), s1.peerId(), j0.peerId()));
    s1.awaitMesh(Set.of(j1.peerId(), j2.peerId()));
    j2.awaitMesh(Set.of(s1.peerId(), s2.peerId()));
    s2.awaitMesh(Set.of(j2.peerId(), j0.peerId(), s0.peerId()));
    for (final TestPeer p : all) {
      p.publish("hello from " + p.peerId());
    }
    for (final TestPeer receiver : all) {
      for (final TestPeer sender : all) {
        if (sender != receiver) {
          assertEquals("-", receiver.awaitMessage("hello from " + sender.peerId()));
        }
      }
    }
  }

}
