package io.perpnet.p2p.pubsub;

/** Decides per message of a topic; runs on the router thread, so it must be quick. */
@FunctionalInterface
public interface TopicValidator {
  TopicValidator ACCEPT_ALL = m -> ValidationResult.ACCEPT;

  ValidationResult validate(PubsubMessage message);
}
