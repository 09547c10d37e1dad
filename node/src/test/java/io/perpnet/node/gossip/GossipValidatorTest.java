package io.perpnet.node.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.MessageValidator;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.pubsub.MessageId;
import io.perpnet.p2p.pubsub.PubsubMessage;
import io.perpnet.p2p.pubsub.ValidationResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each way a gossiped message can be wrong: its verdict (REJECT scores the peer) and its reason code. */
class GossipValidatorTest {
  private final ValidationCounters counters = new ValidationCounters();
  private final GossipValidator intents = new GossipValidator(MessageType.INTENT,
      new MessageValidator(Fixtures.context()), GossipScreen.NONE, () -> Fixtures.NOW, counters);

  private static PubsubMessage gossip(final byte[] data) {
    final PeerId from = PeerId.of(Fixtures.OUTSIDER.publicKey());
    return new PubsubMessage("t", data, Optional.empty(), from, MessageId.of(new byte[] {1}));
  }

  private static byte[] envelope(final Signed<?> m) {
    return new Envelope(m.toWire(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"))).encode();
  }

  private static Signed<Intent> intent(final Header h) {
    return Signed.sign(new Intent(h, Fixtures.TRADER.publicKey(), Fixtures.SIZE, Fixtures.PRICE, 0, 1_000, 10,
        Side.LONG), Fixtures.TRADER);
  }

  @Test
  void eachFaultHasItsVerdictAndReason() {
    final Signed<Intent> good = Fixtures.intent();
    assertEquals(ValidationResult.ACCEPT, intents.validate(gossip(envelope(good))));
    assertEquals(ValidationResult.IGNORE, intents.validate(gossip(envelope(good))), "a replay");
    final byte[] forged = intent(Fixtures.header(Fixtures.NOW + 1_000, 8)).toWire(); // a fresh nonce: the signature decides
    forged[forged.length - 1] ^= 1;
    assertEquals(ValidationResult.REJECT, intents.validate(gossip(new Envelope(forged, List.of()).encode())));
    assertEquals(ValidationResult.IGNORE, intents.validate(gossip(envelope(intent(Fixtures.header(Fixtures.NOW - 1, 9))))));
    assertEquals(ValidationResult.REJECT, intents.validate(gossip(envelope(intent(
        new Header(Fixtures.BTC.id(), Bytes32.sha256(new byte[] {9}), Fixtures.NOW + 1_000, 10))))), "another program");
    assertEquals(ValidationResult.IGNORE, intents.validate(gossip(envelope(intent(
        new Header(99, Fixtures.PROGRAM, Fixtures.NOW + 1_000, 11))))), "a market we do not follow");
    assertEquals(ValidationResult.REJECT, intents.validate(gossip(envelope(Fixtures.quote(good)))), "a quote on intents");
    final byte[] e = envelope(intent(Fixtures.header(Fixtures.NOW + 1_000, 12)));
    assertEquals(ValidationResult.REJECT, intents.validate(gossip(Arrays.copyOf(e, e.length - 3))), "truncated");
    assertEquals(ValidationResult.REJECT, intents.validate(gossip(new byte[0])), "empty");
    assertEquals(Map.of("INTENT", 1L), counters.accepted());
    assertEquals(Map.of("REPLAYED_NONCE", 1L, "BAD_SIGNATURE", 1L, "EXPIRED", 1L, "WRONG_PROGRAM", 1L,
        "UNKNOWN_MARKET", 1L, "WRONG_TOPIC", 1L, "MALFORMED_ENVELOPE", 2L), counters.refused());
  }

  @Test
  void envelopesRefuseWhatAnHonestNodeNeverSends() {
    final Envelope e = new Envelope(new byte[] {1, 2, 3}, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/1")));
    final byte[] bytes = e.encode();
    for (int cut = 0; cut < bytes.length; cut++) {
      final byte[] shorter = Arrays.copyOf(bytes, cut);
      org.junit.jupiter.api.Assertions.assertThrows(Envelope.MalformedEnvelope.class, () -> Envelope.decode(shorter));
    }
    final java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 20_000; i++) {
      final byte[] noise = new byte[1 + random.nextInt(64)];
      random.nextBytes(noise);
      noise[0] = 1;
      try {
        Envelope.decode(noise);
      } catch (Envelope.MalformedEnvelope expected) {
        // the one way decoding may fail
      }
    }
    final byte[] big = new byte[4 + Envelope.MAX_WIRE + 1];
    big[0] = 1;
    big[1] = (byte) ((Envelope.MAX_WIRE + 1) >> 8);
    big[2] = (byte) (Envelope.MAX_WIRE + 1);
    org.junit.jupiter.api.Assertions.assertThrows(Envelope.MalformedEnvelope.class, () -> Envelope.decode(big));
  }
}
