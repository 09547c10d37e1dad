package io.perpnet.p2p.pubsub;

/**
 * Decides per message of a topic, synchronously. Given to {@code subscribe} it runs on the router
 * thread and must be quick; wrapped by {@code GossipSub.offLoop} it runs on the validation threads,
 * concurrently, and must be thread-safe. A validator that throws counts as REJECT.
 */
@FunctionalInterface
public interface TopicValidator {
  TopicValidator ACCEPT_ALL = m -> ValidationResult.ACCEPT;

  ValidationResult validate(PubsubMessage message);
}
