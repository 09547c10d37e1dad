package io.perpnet.node.gossip;

import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.consensus.validation.Verdict;
import io.perpnet.p2p.pubsub.PubsubMessage;
import io.perpnet.p2p.pubsub.TopicValidator;
import io.perpnet.p2p.pubsub.ValidationResult;
import java.util.function.LongSupplier;

/**
 * The consensus rules as a gossip validator, for one topic: the envelope must decode, the
 * message must be of the topic's kind and pass {@link MessageValidator} (cheapest checks first,
 * signatures last). A peer's fault (malformed, wrong kind, bad signature, out of bounds, another
 * program) is REJECT, which scores the peer down; what an honest peer may forward (expired,
 * replayed, an unknown market) is IGNORE. Thread-safe: it runs on the validation threads.
 */
final class GossipValidator implements TopicValidator {
  private final MessageType kind;
  private final MessageValidator rules;
  private final GossipScreen screen;
  private final LongSupplier clock;
  private final ValidationCounters counters;

  GossipValidator(final MessageType kind, final MessageValidator rules, final GossipScreen screen,
      final LongSupplier clock, final ValidationCounters counters) {
    this.screen = screen;
    this.kind = kind;
    this.rules = rules;
    this.clock = clock;
    this.counters = counters;
  }

  @Override
  public ValidationResult validate(final PubsubMessage m) {
    final Envelope envelope;
    try {
      envelope = Envelope.decode(m.data());
    } catch (Envelope.MalformedEnvelope e) {
      counters.refused("MALFORMED_ENVELOPE");
      return ValidationResult.REJECT;
    }
    final Verdict verdict = rules.validate(envelope.wire(), clock.getAsLong());
    if (verdict instanceof Verdict.Refused r) {
      counters.refused(r.reason().name());
      return r.peerFault() ? ValidationResult.REJECT : ValidationResult.IGNORE;
    }
    final Signed<Payload> message = ((Verdict.Accepted) verdict).message();
    if (message.payload().type() != kind) {
      counters.refused("WRONG_TOPIC");
      return ValidationResult.REJECT;
    }
    final GossipScreen.Refusal refusal = screen.screen(message);
    if (refusal != null) {
      counters.refused(refusal.reason());
      return refusal.peerFault() ? ValidationResult.REJECT : ValidationResult.IGNORE;
    }
    counters.accepted(kind);
    return ValidationResult.ACCEPT;
  }
}
