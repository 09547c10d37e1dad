package io.perpnet.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class UnsignedVarintTest {
  @Test
  void knownEncodings() {
    assertArrayEquals(new byte[] {0}, UnsignedVarint.encode(0));
    assertArrayEquals(new byte[] {0x7f}, UnsignedVarint.encode(127));
    assertArrayEquals(new byte[] {(byte) 0x80, 0x01}, UnsignedVarint.encode(128));
    assertArrayEquals(new byte[] {(byte) 0xa5, 0x03}, UnsignedVarint.encode(421)); // /p2p's code
    assertArrayEquals(new byte[] {(byte) 0xc9, 0x01}, UnsignedVarint.encode(201));
  }

  @Property
  void roundTrips(@ForAll @LongRange(min = 0) final long value) throws UnsignedVarint.VarintException {
    final byte[] bytes = UnsignedVarint.encode(value);
    assertEquals(UnsignedVarint.encodedLength(value), bytes.length);
    final UnsignedVarint.Decoded d = UnsignedVarint.decode(bytes, 0, bytes.length);
    assertEquals(value, d.value());
    assertEquals(bytes.length, d.length());
  }

  @Test
  void incompleteInputAsksForMore() throws UnsignedVarint.VarintException {
    assertNull(UnsignedVarint.decode(new byte[] {(byte) 0x80}, 0, 1));
    assertNull(UnsignedVarint.decode(new byte[0], 0, 0));
  }

  @Test
  void overlongAndNonMinimalEncodingsAreRefused() {
    final byte[] tenBytes = new byte[10];
    java.util.Arrays.fill(tenBytes, (byte) 0x80);
    assertThrows(UnsignedVarint.VarintException.class, () -> UnsignedVarint.decode(tenBytes, 0, 10));
    assertThrows(UnsignedVarint.VarintException.class,
        () -> UnsignedVarint.decode(new byte[] {(byte) 0x81, 0x00}, 0, 2));
  }
}
