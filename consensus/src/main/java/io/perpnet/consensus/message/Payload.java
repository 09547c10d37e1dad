package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import java.util.List;

/**
 * A message's signed content: the common {@link Header} then a type-specific body, in a fixed
 * little-endian layout (see each type for its table). {@link Messages#encode} gives the canonical
 * bytes that signers sign and the escrow program parses.
 */
public sealed interface Payload
    permits Intent, Quote, Accept, MatchTerms, Cancel, CloseTerms, PriceAttestation {

  MessageType type();

  Header header();

  /** The keys that must sign the payload, in the order their signatures follow it on the wire. */
  List<Ed25519PublicKey> signers();

  /** Writes the body (everything after the header). */
  void encodeBody(LeWriter w);
}
