package io.perpnet.consensus.validation;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.MessageType;

/**
 * Nonces already used, per message type and signer, remembered until the message expires (after
 * that the expiry check refuses a replay by itself). The node persists its registry in RocksDB;
 * {@link InMemoryNonceRegistry} serves tests and short-lived tools.
 */
public interface NonceRegistry {
  boolean isUsed(MessageType type, Ed25519PublicKey signer, long nonce);

  /** Records a nonce; false if it was already recorded (then nothing changes). */
  boolean markUsed(MessageType type, Ed25519PublicKey signer, long nonce, long expiryMs);
}
