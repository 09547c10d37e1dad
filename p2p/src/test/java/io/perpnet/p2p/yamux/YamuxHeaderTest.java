package io.perpnet.p2p.yamux;

import static io.perpnet.p2p.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.p2p.yamux.YamuxHeader.Type;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class YamuxHeaderTest {
  @Test
  void reproducesTheJsFrames() throws YamuxException {
    check("js_open_stream_1", new YamuxHeader(Type.WINDOW_UPDATE, YamuxHeader.SYN, 1, 0));
    check("js_ack_stream_1", new YamuxHeader(Type.WINDOW_UPDATE, YamuxHeader.ACK, 1, 0));
    check("data_stream_1_len_5", new YamuxHeader(Type.DATA, 0, 1, 5));
    check("fin_stream_1", new YamuxHeader(Type.DATA, YamuxHeader.FIN, 1, 0));
    check("window_update_stream_1_plus_256k", new YamuxHeader(Type.WINDOW_UPDATE, 0, 1, 262144));
    check("ping_req_opaque_7", new YamuxHeader(Type.PING, YamuxHeader.SYN, 0, 7));
    check("ping_ack_opaque_7", new YamuxHeader(Type.PING, YamuxHeader.ACK, 0, 7));
    check("go_away_normal", new YamuxHeader(Type.GO_AWAY, 0, 0, 0));
  }

  @Test
  void violationsAreNamed() {
    assertMessage(new byte[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}, "unsupported yamux version 1");
    assertMessage(new byte[] {0, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}, "unknown frame type 4");
    assertMessage(new byte[] {0, 0, 0, 0x10, 0, 0, 0, 1, 0, 0, 0, 0}, "unknown flags");
    assertMessage(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "DATA frame on stream 0");
    assertMessage(new byte[] {0, 2, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0}, "PING frame on stream 3");
  }

  @Property(tries = 2000)
  void arbitraryHeadersDecodeOrFailWithTheDocumentedException(@ForAll @Size(value = 12) final byte[] bytes) {
    try {
      final YamuxHeader h = YamuxHeader.decode(bytes, 0);
      assertArrayEquals(bytes, h.encode());
    } catch (YamuxException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    }
  }

  private static void check(final String vector, final YamuxHeader expected) throws YamuxException {
    final byte[] bytes = hex("yamux", vector);
    assertArrayEquals(bytes, expected.encode(), vector);
    assertEquals(expected, YamuxHeader.decode(bytes, 0), vector);
  }

  private static void assertMessage(final byte[] bytes, final String expected) {
    final YamuxException e = assertThrows(YamuxException.class, () -> YamuxHeader.decode(bytes, 0));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
