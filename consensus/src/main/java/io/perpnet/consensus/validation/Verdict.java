package io.perpnet.consensus.validation;

import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.Signed;

/** The outcome of validating one message. */
public sealed interface Verdict {

  /** Valid: the decoded message with its verified signatures. */
  record Accepted(Signed<Payload> message) implements Verdict {}

  /**
   * Refused. {@link #peerFault()} says whether the sender is to blame (gossip REJECT, scored
   * down) or the message may be honest but useless here (gossip IGNORE: expired, replayed, unknown
   * market).
   */
  record Refused(Rejection reason, String detail) implements Verdict {
    public boolean peerFault() {
      return switch (reason) {
        case EXPIRED, REPLAYED_NONCE, UNKNOWN_MARKET -> false;
        default -> true;
      };
    }
  }

  static Verdict refused(final RejectedException e) {
    return new Refused(e.reason(), e.getMessage());
  }
}
