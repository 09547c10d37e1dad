package io.perpnet.node.fills;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FillTest {
  private static final byte[] MATCH = filled(32, 7);
  private static final byte[] SIG = filled(64, 9);

  private static byte[] filled(final int n, final int v) {
    final byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  @Test
  void theLayoutIsTheDocumentedOne() {
    final Fill f = new Fill(MATCH, Fill.Kind.LIQUIDATED, true, false, 1, 200_000L, 67_000_000_000L, 33_000_000L,
        -1_234L, -100_000_000L, 134_000_000L, 0L, 1_700_000_000_000L, SIG);
    final byte[] v = f.encode();
    assertEquals(Fill.LENGTH, v.length);
    final ByteBuffer b = ByteBuffer.wrap(v);
    assertArrayEquals(MATCH, Arrays.copyOfRange(v, 0, 32));
    assertEquals(3, v[32], "kind liquidated");
    assertEquals(1, v[33], "role maker");
    assertEquals(1, v[34], "side short");
    assertEquals(0, v[35]);
    assertEquals(1, b.getInt(36));
    assertEquals(200_000L, b.getLong(40));
    assertEquals(67_000_000_000L, b.getLong(48));
    assertEquals(33_000_000L, b.getLong(56));
    assertEquals(-1_234L, b.getLong(64));
    assertEquals(-100_000_000L, b.getLong(72));
    assertEquals(134_000_000L, b.getLong(80));
    assertEquals(0L, b.getLong(88));
    assertEquals(1_700_000_000_000L, b.getLong(96));
    assertArrayEquals(SIG, Arrays.copyOfRange(v, 104, 168));
    assertEquals(f, Fill.decode(v));
    assertArrayEquals(Fill.key(MATCH, false), f.key());
    assertEquals(1, f.key()[32]);
  }

  @Test
  void badRecordsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Fill.decode(new byte[Fill.LENGTH - 1]));
    final byte[] v = new Fill(MATCH, Fill.Kind.OPEN, false, true, 1, 1, 1, 1, 0, 0, 1, 0, 1, SIG).encode();
    v[32] = 4;
    assertThrows(IllegalArgumentException.class, () -> Fill.decode(v));
    assertThrows(IllegalArgumentException.class,
        () -> new Fill(MATCH, Fill.Kind.OPEN, false, true, 1, 1, 1, 1, 0, 0, 1, 0, 1, new byte[63]));
  }

  @Test
  void anUnknownTransactionIsAllZeros() {
    assertFalse(new Fill(MATCH, Fill.Kind.OPEN, false, true, 1, 1, 1, 1, 0, 0, 1, 0, 1, new byte[64]).hasSignature());
    assertTrue(new Fill(MATCH, Fill.Kind.OPEN, false, true, 1, 1, 1, 1, 0, 0, 1, 0, 1, SIG).hasSignature());
  }
}
