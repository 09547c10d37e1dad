package io.perpnet.node.rfq;

import java.util.Optional;

/**
 * Asked before the node signs a new commitment (an intent, a quote, an accept, a countersignature):
 * empty when it may, else why not. Answers already given stay given (the accept protocol is
 * idempotent), so a halt never leaves a match signed by one side only on our part.
 */
@FunctionalInterface
public interface CommitGate {
  CommitGate OPEN = Optional::empty;

  Optional<String> halted();
}
