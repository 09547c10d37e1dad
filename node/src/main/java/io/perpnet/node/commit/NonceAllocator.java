package io.perpnet.node.commit;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The nonces this node signs with: unique per message type and signer, never reused, across
 * restarts too. Nonces are handed out from blocks of {@link #BLOCK}: before the first nonce of a
 * block is used, the block's end is written to the store SYNCED (an fsync per block, not per
 * signature), so after a crash numbering resumes past every nonce that may have been signed. A
 * block never starts below the clock in microseconds, so even a node that lost its data directory
 * does not repeat a nonce it signed before (unless its clock went back).
 *
 * <p>{@code nonces} key: the type's ordinal (1 byte) then the signer's key (32 bytes); value: the
 * last nonce of the reserved block, 8 bytes big-endian. Thread-safe.
 */
public final class NonceAllocator {
  public static final int BLOCK = 1024;

  private record Range(long next, long last) {}

  private final Store store;
  private final LongSupplier micros;
  private final Map<String, Range> ranges = new HashMap<>();

  /** @param micros the clock, microseconds since the epoch */
  public NonceAllocator(final Store store, final LongSupplier micros) {
    this.store = store;
    this.micros = micros;
  }

  /** The next nonce for {@code type} signed by {@code signer}; on disk before it is returned. */
  public synchronized long next(final MessageType type, final Ed25519PublicKey signer) throws StoreException {
    final byte[] key = key(type, signer);
    final String id = java.util.HexFormat.of().formatHex(key);
    Range r = ranges.get(id);
    if (r == null || r.next() > r.last()) {
      final Optional<byte[]> stored = store.get(Column.NONCES, key);
      final long after = Math.max(stored.map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L), r == null ? 0 : r.last());
      final long first = Math.max(Math.addExact(after, 1), micros.getAsLong());
      final long last = Math.addExact(first, BLOCK - 1);
      store.append("nonces.reserved", key, List.of(new Event.Change(Column.NONCES, key,
          ByteBuffer.allocate(8).putLong(last).array())), Store.Durability.SYNCED);
      r = new Range(first, last);
    }
    ranges.put(id, new Range(r.next() + 1, r.last()));
    return r.next();
  }

  static byte[] key(final MessageType type, final Ed25519PublicKey signer) {
    return ByteBuffer.allocate(1 + 32).put((byte) type.ordinal()).put(signer.bytes()).array();
  }
}
