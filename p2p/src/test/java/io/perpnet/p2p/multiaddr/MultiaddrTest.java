package io.perpnet.p2p.multiaddr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.p2p.Vectors;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MultiaddrTest {
  @Test
  void reproducesTheJsVectors() {
    for (final JsonNode v : Vectors.get("multiaddr")) {
      final Multiaddr text = Multiaddr.parse(v.path("text").asText());
      assertEquals(v.path("bytes").asText(), HexFormat.of().formatHex(text.toBytes()), v.toString());
      final Multiaddr binary = Multiaddr.fromBytes(HexFormat.of().parseHex(v.path("bytes").asText()));
      assertEquals(v.path("roundtrip_text").asText(), binary.toString());
      assertEquals(text, binary);
    }
  }

  @Test
  void peerIdsAreAppendedAndFound() {
    final Multiaddr withId = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWJ1TsijH7H5F74hfAD5XishQz3sxrmAtVY37GtNd9CqYf");
    assertEquals("12D3KooWJ1TsijH7H5F74hfAD5XishQz3sxrmAtVY37GtNd9CqYf", withId.peerId().orElseThrow().toBase58());
    assertEquals("/ip4/127.0.0.1/tcp/4001", withId.withoutPeerId().toString());
    assertEquals(withId, withId.withoutPeerId().withPeerId(withId.peerId().orElseThrow()));
    assertEquals("4001", withId.valueOf(Protocol.TCP).orElseThrow());
  }

  @Test
  void ip6Dns4AndTheOldIpfsNameParse() {
    assertEquals("/ip6/::1/tcp/1", Multiaddr.parse("/ip6/::1/tcp/1").toString());
    assertEquals("/ip6/2001:db8::1:0:0:1/tcp/1", Multiaddr.parse("/ip6/2001:db8:0:0:1:0:0:1/tcp/1").toString());
    assertEquals("/ip6/::/tcp/1", Multiaddr.parse("/ip6/::/tcp/1").toString());
    assertEquals("/ip6/1::/tcp/1", Multiaddr.parse("/ip6/1:0:0:0:0:0:0:0/tcp/1").toString());
    final Multiaddr dns = Multiaddr.parse("/dns4/localhost/tcp/80");
    assertEquals(dns, Multiaddr.fromBytes(dns.toBytes()));
    assertEquals("/p2p/12D3KooWJ1TsijH7H5F74hfAD5XishQz3sxrmAtVY37GtNd9CqYf",
        Multiaddr.parse("/ipfs/12D3KooWJ1TsijH7H5F74hfAD5XishQz3sxrmAtVY37GtNd9CqYf").toString());
  }

  @Test
  void badInputSaysWhatIsWrong() {
    assertMessage("/ip4/300.1.1.1/tcp/1", "bad IP address");
    assertMessage("/ip4/127.0.0.1/tcp/70000", "port out of range");
    assertMessage("/ip4/127.0.0.1/tcp", "/tcp needs a value");
    assertMessage("/foo/1", "unknown multiaddr protocol 'foo'");
    assertMessage("ip4/1.2.3.4", "starts with '/'");
    assertMessage("/ip4/localhost", "not an IPv4 address");
    final IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
        () -> Multiaddr.fromBytes(new byte[] {0x04, 0x7f, 0x00}));
    assertTrue(truncated.getMessage().contains("ends inside /ip4's value"), truncated.getMessage());
    final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Multiaddr.fromBytes(new byte[] {0x7e}));
    assertTrue(unknown.getMessage().contains("unknown multiaddr protocol code 126"), unknown.getMessage());
  }

  @Test
  void binaryRoundTripIsExact() {
    final byte[] bytes = Multiaddr.parse("/ip4/10.0.0.1/udp/9/quic-v1").toBytes();
    assertArrayEquals(bytes, Multiaddr.fromBytes(bytes).toBytes());
  }

  private static void assertMessage(final String text, final String expected) {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multiaddr.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
