package io.perpnet.p2p.pubsub;

/** What a topic validator decides about a message. */
public enum ValidationResult {
  /** Deliver, cache and forward. */
  ACCEPT,
  /** Invalid: drop, and count it against the peer that sent it (P4). */
  REJECT,
  /** Drop silently (e.g. stale but honest), with no penalty. */
  IGNORE
}
