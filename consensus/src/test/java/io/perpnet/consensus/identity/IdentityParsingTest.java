package io.perpnet.consensus.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityParsingTest {
  private static final Ed25519KeyPair KEYS = Ed25519KeyPair.fromSeed(new byte[32]);

  @Property
  void base58RoundTripsAnyBytes(@ForAll @Size(max = 80) final byte[] bytes) {
    assertArrayEquals(bytes, Base58.decode(Base58.encode(bytes)));
  }

  @Test
  void base58KeepsLeadingZeros() {
    assertEquals("11", Base58.encode(new byte[2]));
    assertArrayEquals(new byte[] {0, 0, 1}, Base58.decode("112"));
  }

  @Test
  void base58RejectsCharactersOutsideTheAlphabet() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base58.decode("abc0"));
    assertTrue(e.getMessage().contains("'0' at position 3"), e.getMessage());
  }

  @Test
  void peerIdParsingRejectsOtherKeyTypesAndGarbage() {
    // a sha2-256 multihash peer id (RSA keys) is not supported
    assertThrows(IllegalArgumentException.class, () -> PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"));
    assertThrows(IllegalArgumentException.class, () -> PeerId.parse(""));
    assertThrows(IllegalArgumentException.class, () -> PeerId.parse("bafz!"));
    assertThrows(IllegalArgumentException.class, () -> PeerId.parse("12D3KooW"));
  }

  @Test
  void keyFileRoundTripsInSolanaFormat(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("id.json");
    KeyFile.write(file, KEYS);
    final String text = Files.readString(file);
    assertTrue(text.startsWith("[") && text.endsWith("]") && text.split(",").length == 64, text);
    assertEquals(KEYS.publicKey(), KeyFile.read(file).publicKey());
  }

  @Test
  void keyFileIsNeverOverwritten(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("id.json");
    KeyFile.write(file, KEYS);
    final String before = Files.readString(file);
    assertThrows(FileAlreadyExistsException.class, () -> KeyFile.write(file, Ed25519KeyPair.generate()));
    assertEquals(before, Files.readString(file));
  }

  @Test
  void keyFileErrorsSayWhatIsWrong(@TempDir final Path dir) throws Exception {
    assertMessage(dir, "{}", "expected a JSON array of 64 numbers");
    assertMessage(dir, "[1,2,3]", "expected 64 bytes, found 3");
    assertMessage(dir, "not json", "not JSON");
    final StringBuilder bad = new StringBuilder("[");
    for (int i = 0; i < 64; i++) {
      bad.append(i == 0 ? "" : ",").append(i == 5 ? "256" : "0");
    }
    assertMessage(dir, bad + "]", "element 5 is not a byte");
    // a seed of zeros with a public half that is not its public key
    final StringBuilder mismatched = new StringBuilder("[");
    for (int i = 0; i < 64; i++) {
      mismatched.append(i == 0 ? "" : ",").append(i < 32 ? "0" : "1");
    }
    assertMessage(dir, mismatched + "]", "does not belong to the seed");
  }

  @Test
  void verifyRejectsAFlippedBitAndWrongLengthsWithoutThrowing() {
    final byte[] message = "m".getBytes(StandardCharsets.UTF_8);
    final byte[] signature = KEYS.sign(message);
    assertTrue(KEYS.publicKey().verify(message, signature));
    signature[10] ^= 1;
    assertFalse(KEYS.publicKey().verify(message, signature));
    assertFalse(KEYS.publicKey().verify(message, new byte[63]));
    assertFalse(KEYS.publicKey().verify(message, null));
  }

  private static void assertMessage(final Path dir, final String content, final String expected) throws Exception {
    final Path file = Files.createTempFile(dir, "key", ".json");
    Files.writeString(file, content);
    final KeyFile.InvalidKeyFileException e = assertThrows(KeyFile.InvalidKeyFileException.class, () -> KeyFile.read(file));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
