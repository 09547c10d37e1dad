package io.perpnet.p2p.multistream;

import static io.perpnet.p2p.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MultistreamMessageTest {
  @Test
  void reproducesTheJsEncodings() throws MultistreamMessage.MultistreamException {
    for (final String p : List.of("/multistream/1.0.0", "/noise", "/yamux/1.0.0", "/ipfs/id/1.0.0", "/ipfs/ping/1.0.0",
        "/meshsub/1.2.0", "/meshsub/1.1.0")) {
      final byte[] expected = hex("multistream", p);
      assertArrayEquals(expected, MultistreamMessage.encode(p), p);
      assertEquals(new MultistreamMessage.Decoded(p, expected.length), MultistreamMessage.decode(expected, 0, expected.length));
    }
    assertArrayEquals(hex("multistream", "na"), MultistreamMessage.encode("na"));
    assertArrayEquals(hex("multistream", "ls"), MultistreamMessage.encode("ls"));
    assertArrayEquals(hex("multistream", "js_ls_reply_for_id_and_ping"),
        MultistreamMessage.encodeList(List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0")));
  }

  @Test
  void jsFirstWriteHoldsTwoMessagesDecodedOneAfterTheOther() throws MultistreamMessage.MultistreamException {
    final byte[] both = hex("multistream", "js_select_first_write");
    final MultistreamMessage.Decoded first = MultistreamMessage.decode(both, 0, both.length);
    assertEquals("/multistream/1.0.0", first.text());
    assertEquals("/noise", MultistreamMessage.decode(both, first.length(), both.length).text());
  }

  @Test
  void partialMessagesWaitAndBadOnesAreRefused() throws MultistreamMessage.MultistreamException {
    final byte[] noise = MultistreamMessage.encode("/noise");
    assertNull(MultistreamMessage.decode(noise, 0, noise.length - 1));
    assertMessage(new byte[] {0x03, 'n', 'a', 'x'}, "newline");
    assertMessage(new byte[] {0x00}, "empty");
    assertMessage(new byte[] {(byte) 0x81, 0x08}, "exceeds 1024");
  }

  @Property(tries = 2000)
  void arbitraryBytesNeverThrowAnythingElse(@ForAll @Size(max = 64) final byte[] bytes) {
    try {
      final MultistreamMessage.Decoded d = MultistreamMessage.decode(bytes, 0, bytes.length);
      assertTrue(d == null || d.length() <= bytes.length);
    } catch (MultistreamMessage.MultistreamException e) {
      assertTrue(!e.getMessage().isEmpty());
    }
  }

  private static void assertMessage(final byte[] bytes, final String expected) {
    final MultistreamMessage.MultistreamException e = assertThrows(MultistreamMessage.MultistreamException.class,
        () -> MultistreamMessage.decode(bytes, 0, bytes.length));
    assertTrue(e.getMessage().contains(expected), e.getMessage() + " for " + Arrays.toString(bytes));
  }
}
