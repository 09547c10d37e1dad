package io.perpnet.node.matches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Base58;
import io.perpnet.node.store.Store;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attempts column's record, byte by byte, and what the column keeps of a long run. */
class AttemptTest {
  private static final Bytes32 MATCH = Bytes32.wrap(filled(32, 0x11));

  @TempDir
  Path dir;

  private static byte[] filled(final int n, final int b) {
    final byte[] a = new byte[n];
    Arrays.fill(a, (byte) b);
    return a;
  }

  @Test
  void theLayoutIsTheDocumentedOne() {
    final String sig = Base58.encode(filled(64, 0x22));
    final byte[] v = new Attempt(MATCH, Attempt.Kind.OPEN_REFUSED, 0x0102030405060708L, Optional.of(sig), "PAUSED")
        .encode();
    final String expected = "11".repeat(32) + "03" + "01" + "0006" + "0102030405060708" + "22".repeat(64)
        + HexFormat.of().formatHex("PAUSED".getBytes());
    assertEquals(expected, HexFormat.of().formatHex(v));
    final Attempt back = Attempt.decode(v);
    assertEquals(Optional.of(sig), back.signature());
    assertEquals("PAUSED", back.detail());
    assertEquals(Attempt.Kind.OPEN_REFUSED, back.kind());
    assertEquals(0x0102030405060708L, back.atMs());
  }

  @Test
  void unsignedAttemptsHaveAZeroSignatureAndNoneOnDecode() {
    final byte[] v = new Attempt(MATCH, Attempt.Kind.NO_ANSWER, 5, Optional.empty(), "timeout").encode();
    assertEquals(0, v[33], "signed flag");
    assertArrayEquals(new byte[64], Arrays.copyOfRange(v, 44, 108));
    assertTrue(Attempt.decode(v).signature().isEmpty());
  }

  @Test
  void aLongDetailIsCutOnACharacterBoundaryAndAWrongLengthRefused() {
    final Attempt a = new Attempt(MATCH, Attempt.Kind.OPEN_NOT_CONFIRMED, 1, Optional.empty(), "é".repeat(600));
    assertEquals(Attempt.MAX_DETAIL, a.detail().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    final byte[] v = a.encode();
    assertThrows(IllegalArgumentException.class, () -> Attempt.decode(Arrays.copyOf(v, v.length - 1)));
    assertThrows(IllegalArgumentException.class, () -> Attempt.decode(new byte[10]));
  }

  @Test
  void keysSortByTimeWithinAMatch() {
    final byte[] early = Attempt.key(MATCH, 1_000, 9);
    final byte[] late = Attempt.key(MATCH, 2_000, 1);
    assertTrue(Arrays.compareUnsigned(early, late) < 0);
    assertEquals(1_000, ByteBuffer.wrap(early, 32, 8).getLong());
  }

  @Test
  void aLongRunKeepsItsFirstAttemptsAndItsLast() throws Exception {
    try (Store store = Store.open(dir)) {
      for (int n = 1; n <= 40; n++) {
        Attempts.record(store, new Attempt(MATCH, Attempt.Kind.OPEN_REFUSED, 1_000 + n, Optional.empty(), "try " + n), n);
      }
      Attempts.record(store, new Attempt(Bytes32.wrap(filled(32, 0x12)), Attempt.Kind.NO_ANSWER, 5, Optional.empty(),
          "another match"), 1);
      final List<String> kept = Attempts.of(store, MATCH).stream().map(Attempt::detail).toList();
      final List<String> expected = new java.util.ArrayList<>(IntStream.rangeClosed(1, Attempts.MAX_PER_RUN - 1)
          .mapToObj(n -> "try " + n).toList());
      expected.add("try 40");
      assertEquals(expected, kept);
      assertEquals(2, Attempts.all(store).size());
      assertEquals(41, store.events(0, 100).stream().filter(e -> e.kind().equals("match.attempt")).count(),
          "every attempt is in the event log");
    }
  }
}
