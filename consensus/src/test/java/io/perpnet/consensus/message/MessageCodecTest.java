package io.perpnet.consensus.message;

import static io.perpnet.consensus.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {

  static Stream<Signed<? extends Payload>> everyType() {
    final Fixtures.Flow f = flow();
    return Stream.of(f.intent(), f.quote(), f.accept(), f.match(), cancel(f.intent()), close(f.match()),
        attestation(0, PRICE, NOW));
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void wireFormRoundTripsAndVerifies(final Signed<? extends Payload> message) throws RejectedException {
    final byte[] wire = message.toWire();
    assertEquals(message.payload().type().wireLength(), wire.length);
    final Signed<Payload> decoded = Signed.decode(wire);
    assertEquals(message.payload(), decoded.payload());
    assertArrayEquals(message.bytes(), decoded.bytes());
    assertEquals(message.hash(), decoded.hash());
    assertTrue(decoded.verify());
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void signedBytesStartWithTheDomainTagAndVersion(final Signed<? extends Payload> message) {
    final byte[] bytes = message.bytes();
    final MessageType type = message.payload().type();
    assertEquals(type.length(), bytes.length);
    assertEquals(type.domainText(), new String(bytes, 0, 8, StandardCharsets.US_ASCII));
    assertEquals(1, bytes[Header.OFFSET_VERSION]);
  }

  @Test
  void layoutsHaveTheDocumentedLengths() {
    assertEquals(List.of(128, 152, 136, 264, 128, 176, 112),
        Arrays.stream(MessageType.values()).map(MessageType::length).toList());
    assertEquals(List.of("PERPINTN", "PERPQUOT", "PERPACPT", "PERPMTCH", "PERPCNCL", "PERPCLOS", "PERPPRIC"),
        Arrays.stream(MessageType.values()).map(MessageType::domainText).toList());
  }

  @Test
  void matchTermsFieldsSitAtTheirDocumentedOffsets() {
    final Signed<io.perpnet.consensus.message.MatchTerms> match = flow().match();
    final byte[] b = match.bytes();
    assertArrayEquals(TRADER.publicKey().bytes(), Arrays.copyOfRange(b, MatchTerms.OFFSET_TRADER, MatchTerms.OFFSET_TRADER + 32));
    assertArrayEquals(MAKER.publicKey().bytes(), Arrays.copyOfRange(b, MatchTerms.OFFSET_MAKER, MatchTerms.OFFSET_MAKER + 32));
    long price = 0;
    for (int i = 7; i >= 0; i--) {
      price = (price << 8) | (b[MatchTerms.OFFSET_PRICE + i] & 0xFF);
    }
    assertEquals(PRICE, price);
    assertArrayEquals(PROGRAM.bytes(), Arrays.copyOfRange(b, Header.OFFSET_PROGRAM, Header.OFFSET_PROGRAM + 32));
  }

  @Test
  void truncatedAndOverlongBytesAreRefused() {
    final byte[] wire = flow().intent().toWire();
    assertReason(Rejection.TRUNCATED, Arrays.copyOf(wire, wire.length - 1));
    assertReason(Rejection.OVERLONG, Arrays.copyOf(wire, wire.length + 1));
    assertReason(Rejection.TRUNCATED, new byte[3]);
    assertReason(Rejection.TRUNCATED, new byte[0]);
  }

  @Test
  void anUnknownVersionIsRefused() {
    final byte[] wire = flow().quote().toWire();
    wire[Header.OFFSET_VERSION] = 2;
    assertReason(Rejection.UNSUPPORTED_VERSION, wire);
  }

  @Test
  void aWrongDomainTagIsRefused() {
    final byte[] wire = flow().accept().toWire();
    wire[4] = 'X';
    assertReason(Rejection.UNKNOWN_DOMAIN, wire);
  }

  @Test
  void anotherTypesTagIsRefusedByLength() {
    // an intent's bytes relabelled as a cancel (same payload length, different wire shape)
    final byte[] wire = flow().intent().toWire();
    System.arraycopy(MessageType.QUOTE.domain(), 0, wire, 0, 8);
    assertReason(Rejection.TRUNCATED, wire);
  }

  @Test
  void nonZeroReservedBytesAreRefused() {
    final byte[] wire = flow().intent().toWire();
    wire[127] = 1;
    assertReason(Rejection.NONZERO_RESERVED, wire);
  }

  @Test
  void anInvalidSideIsRefused() {
    final byte[] wire = flow().intent().toWire();
    wire[126] = 2;
    assertReason(Rejection.INVALID_SIDE, wire);
  }

  @Test
  void amountsAbove63BitsAreRefused() {
    final byte[] wire = flow().intent().toWire();
    wire[96 + 7] = (byte) 0x80; // size's top byte
    assertReason(Rejection.VALUE_OUT_OF_RANGE, wire);
  }

  @Test
  void decodingAsTheWrongTypeIsRefused() {
    final byte[] wire = flow().intent().toWire();
    final RejectedException e = assertThrows(RejectedException.class, () -> Signed.decode(wire, Quote.class));
    assertEquals(Rejection.WRONG_TYPE, e.reason());
  }

  @Test
  void aFlippedSignatureBitDoesNotVerify() throws RejectedException {
    final byte[] wire = flow().match().toWire();
    wire[wire.length - 1] ^= 1; // the maker's signature
    assertEquals(false, Signed.decode(wire).verify());
  }

  @Test
  void signingWithTheWrongKeyIsAProgrammingError() {
    final Signed<Intent> intent = flow().intent();
    assertThrows(IllegalArgumentException.class, () -> Signed.sign(intent.payload(), MAKER));
    assertThrows(IllegalArgumentException.class, () -> Signed.sign(intent.payload(), TRADER, MAKER));
  }

  private static void assertReason(final Rejection expected, final byte[] wire) {
    final RejectedException e = assertThrows(RejectedException.class, () -> Signed.decode(wire));
    assertEquals(expected, e.reason(), e.getMessage());
  }
}
