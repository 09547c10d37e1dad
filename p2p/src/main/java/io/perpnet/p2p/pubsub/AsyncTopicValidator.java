package io.perpnet.p2p.pubsub;

import java.util.concurrent.CompletableFuture;

/**
 * Decides per message of a topic, asynchronously: the future may complete on any thread. The
 * router applies verdicts in the order each peer's messages arrived, whatever order they
 * complete in; a future that fails counts as REJECT.
 */
@FunctionalInterface
public interface AsyncTopicValidator {
  CompletableFuture<ValidationResult> validate(PubsubMessage message);

  /** Runs {@code validator} on the calling thread. */
  static AsyncTopicValidator inline(final TopicValidator validator) {
    return m -> CompletableFuture.completedFuture(validator.validate(m));
  }
}
