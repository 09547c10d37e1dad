package io.perpnet.p2p.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak check finds a buffer that was dropped unreleased, and nothing when buffers are released. */
class NettyLeaksTest {
  @Test
  void aDroppedUnreleasedBufferIsReported() {
    NettyLeaks.collect();
    leak();
    final List<String> leaks = NettyLeaks.collect();
    assertEquals(1, leaks.size(), leaks.toString());
    assertTrue(leaks.get(0).contains("release() was not called"), leaks.get(0));
    assertTrue(leaks.get(0).contains("NettyLeaksTest.leak"), "the report names where the buffer was made");
  }

  @Test
  void releasedBuffersAreNotReported() {
    NettyLeaks.collect();
    for (int i = 0; i < 100; i++) {
      ByteBufAllocator.DEFAULT.buffer(64).writeLong(i).release();
    }
    assertEquals(List.of(), NettyLeaks.collect());
  }

  private static void leak() {
    final ByteBuf b = ByteBufAllocator.DEFAULT.buffer(32);
    b.writeInt(42);
  }
}
