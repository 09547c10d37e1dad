package io.perpnet.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** The js-libp2p vectors (shared/facts/libp2p-vectors.json, on the class path via the consensus test-jar). */
public final class Vectors {
  private static final JsonNode ROOT = load();

  private Vectors() {}

  private static JsonNode load() {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/libp2p-vectors.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode get(final String... path) {
    JsonNode n = ROOT;
    for (final String p : path) {
      n = n.path(p);
    }
    if (n.isMissingNode()) {
      throw new IllegalArgumentException("no vector " + String.join(".", path));
    }
    return n;
  }

  public static byte[] hex(final String... path) {
    return HexFormat.of().parseHex(get(path).asText());
  }
}
