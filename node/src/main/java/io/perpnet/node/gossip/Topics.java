package io.perpnet.node.gossip;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Base58;
import io.perpnet.consensus.message.MessageType;
import java.util.List;
import java.util.Optional;

/**
 * Gossip topic names, one per program, market and kind of message:
 * {@code perp/<program, base58>/<market id>/<intents|quotes|cancels|prices>}. Binding the program and
 * market into the name keeps networks and markets apart before any byte is decoded; the messages
 * carry both again in their signed header, and validation checks they agree.
 */
public final class Topics {
  /** The gossiped kinds and their topic suffixes. */
  public static final List<MessageType> GOSSIPED =
      List.of(MessageType.INTENT, MessageType.QUOTE, MessageType.CANCEL, MessageType.PRICE_ATTESTATION);
  /** The kinds the RFQ engines trade on. */
  public static final List<MessageType> RFQ = List.of(MessageType.INTENT, MessageType.QUOTE, MessageType.CANCEL);
  /** The oracles' kind. */
  public static final List<MessageType> PRICES = List.of(MessageType.PRICE_ATTESTATION);

  private Topics() {}

  public static String topic(final Bytes32 program, final int market, final MessageType type) {
    return "perp/" + Base58.encode(program.bytes()) + "/" + Integer.toUnsignedString(market) + "/" + suffix(type);
  }

  /** The kind a topic carries, if it is one of ours. */
  public static Optional<MessageType> kind(final String topic) {
    for (final MessageType t : GOSSIPED) {
      if (topic.endsWith("/" + suffix(t))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static String suffix(final MessageType type) {
    return switch (type) {
      case INTENT -> "intents";
      case QUOTE -> "quotes";
      case CANCEL -> "cancels";
      case PRICE_ATTESTATION -> "prices";
      default -> throw new IllegalArgumentException(type + " is not gossiped; it travels on the direct protocols");
    };
  }
}
