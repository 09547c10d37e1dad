package io.perpnet.consensus.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed vector file is exactly what the code produces, and it decodes and verifies. */
class MessageVectorsTest {
  private static final Path FILE = Path.of(MessageVectors.PATH);

  @Test
  void theCommittedFileMatchesTheCode() throws Exception {
    final String generated = MessageVectors.generate();
    if (Boolean.getBoolean("vectors.update")) {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, generated);
    }
    assertTrue(Files.exists(FILE), "missing " + FILE.toAbsolutePath()
        + "; create it with -Dvectors.update=true");
    assertEquals(Files.readString(FILE), generated, "consensus/" + MessageVectors.PATH
        + " is out of date; if the change is intended, regenerate it with "
        + "./mvnw -pl consensus test -Dtest=MessageVectorsTest -Dvectors.update=true");
  }

  @Test
  void everyMessageInTheFileDecodesAndVerifies() throws Exception {
    final JsonNode root = new ObjectMapper().readTree(Files.readString(FILE));
    for (final Map.Entry<String, JsonNode> e : root.path("messages").properties()) {
      final byte[] wire = HexFormat.of().parseHex(e.getValue().path("wire").asText());
      final Signed<Payload> m = decode(wire);
      assertTrue(m.verify(), e.getKey());
      assertEquals(e.getValue().path("sha256").asText(), m.hash().toHex(), e.getKey());
      assertArrayEquals(HexFormat.of().parseHex(e.getValue().path("signedBytes").asText()), m.bytes(), e.getKey());
    }
  }

  private static Signed<Payload> decode(final byte[] wire) throws RejectedException {
    return Signed.decode(wire);
  }
}
