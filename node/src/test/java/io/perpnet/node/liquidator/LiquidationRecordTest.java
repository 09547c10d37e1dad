package io.perpnet.node.liquidator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The {@code liquidations} column's value, byte by byte as the README documents it. */
class LiquidationRecordTest {
  @Test
  void encodesAtTheDocumentedOffsetsAndReadsBack() {
    final byte[] match = new byte[32];
    final byte[] position = new byte[32];
    Arrays.fill(match, (byte) 0x11);
    Arrays.fill(position, (byte) 0x22);
    final LiquidationRecord r = new LiquidationRecord(1_700_000_000_123L, 2, match, position, 68_600_000_000L,
        5_000_000L, 0, 1_234_567L);
    final byte[] v = r.encode();
    assertEquals(LiquidationRecord.LENGTH, v.length);
    final ByteBuffer b = ByteBuffer.wrap(v);
    assertEquals(1_700_000_000_123L, b.getLong(0));
    assertEquals(2, b.getInt(8));
    assertEquals(0x11, v[12]);
    assertEquals(0x22, v[44]);
    assertEquals(68_600_000_000L, b.getLong(76));
    assertEquals(5_000_000L, b.getLong(84));
    assertEquals(0, v[92]);
    assertEquals(1_234_567L, b.getLong(93));
    assertEquals(r, LiquidationRecord.decode(v));
    assertEquals("trader", r.downSide());
    assertThrows(IllegalArgumentException.class, () -> LiquidationRecord.decode(new byte[100]));
  }
}
