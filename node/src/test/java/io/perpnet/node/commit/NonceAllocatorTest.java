package io.perpnet.node.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.node.store.Store;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonceAllocatorTest {
  @TempDir
  Path dir;

  private final Ed25519PublicKey me = Ed25519KeyPair.generate().publicKey();

  @Test
  void noncesAreUniqueAndOneSyncedEventReservesEachBlock() throws Exception {
    try (Store s = Store.open(dir)) {
      final NonceAllocator n = new NonceAllocator(s, () -> 5_000_000L);
      final Set<Long> seen = new HashSet<>();
      long previous = 0;
      for (int i = 0; i < 3 * NonceAllocator.BLOCK + 1; i++) {
        final long v = n.next(MessageType.QUOTE, me);
        assertTrue(v > previous && seen.add(v));
        previous = v;
      }
      assertEquals(5_000_000L, seen.stream().mapToLong(Long::longValue).min().orElseThrow(), "a block starts at the clock");
      assertEquals(5, s.nextSequence(), "four blocks, four events");
      assertEquals(5_000_000L, n.next(MessageType.INTENT, me), "each type counts on its own");
    }
  }

  @Test
  void afterARestartNumberingResumesPastEveryNonceThatMayHaveBeenSigned() throws Exception {
    long lastBefore;
    try (Store s = Store.open(dir)) {
      final NonceAllocator n = new NonceAllocator(s, () -> 1L);
      lastBefore = 0;
      for (int i = 0; i < 10; i++) {
        lastBefore = n.next(MessageType.ACCEPT, me);
      }
    } // a crash here loses the rest of the block, never a nonce
    try (Store s = Store.open(dir)) {
      final long first = new NonceAllocator(s, () -> 1L).next(MessageType.ACCEPT, me);
      assertTrue(first > lastBefore + NonceAllocator.BLOCK - 10, first + " after " + lastBefore);
    }
  }

  @Test
  void aNodeThatLostItsDataStillStartsAboveItsEarlierNonces() throws Exception {
    final long before;
    try (Store s = Store.open(dir.resolve("a"))) {
      before = new NonceAllocator(s, () -> 1_000L).next(MessageType.QUOTE, me);
    }
    try (Store s = Store.open(dir.resolve("b"))) { // a fresh directory, a later clock
      assertTrue(new NonceAllocator(s, () -> 2_000L).next(MessageType.QUOTE, me) > before);
    }
  }
}
