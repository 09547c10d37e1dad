package io.perpnet.consensus.validation;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.MessageType;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** A {@link NonceRegistry} in memory, forgetting nonces whose message has expired. Thread-safe. */
public final class InMemoryNonceRegistry implements NonceRegistry {
  private record Key(MessageType type, Ed25519PublicKey signer, long nonce) {}

  private final Map<Key, Long> expiries = new HashMap<>();

  @Override
  public synchronized boolean isUsed(final MessageType type, final Ed25519PublicKey signer, final long nonce) {
    return expiries.containsKey(new Key(type, signer, nonce));
  }

  @Override
  public synchronized boolean markUsed(
      final MessageType type, final Ed25519PublicKey signer, final long nonce, final long expiryMs) {
    return expiries.putIfAbsent(new Key(type, signer, nonce), expiryMs) == null;
  }

  /** Forgets nonces of messages that expired at or before {@code nowMs}. */
  public synchronized int prune(final long nowMs) {
    int removed = 0;
    for (final Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
      if (it.next() <= nowMs) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  public synchronized int size() {
    return expiries.size();
  }
}
