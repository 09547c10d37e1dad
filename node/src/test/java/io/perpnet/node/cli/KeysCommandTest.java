package io.perpnet.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.consensus.identity.PeerId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int perp(final String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void newWritesAKeyFileAndShowPrintsItsIdentity(@TempDir final Path dir) throws Exception {
    final Path key = dir.resolve("agent.json");
    assertEquals(ExitCodes.OK, perp("keys", "new", "--out", key.toString()));
    assertTrue(Files.exists(key));
    out.getBuffer().setLength(0);

    assertEquals(ExitCodes.OK, perp("keys", "show", "--key", key.toString()));
    final JsonNode json = new ObjectMapper().readTree(out.toString());
    final var keys = KeyFile.read(key);
    assertEquals(keys.publicKey().toAddress(), json.path("address").asText());
    assertEquals(PeerId.of(keys.publicKey()).toBase58(), json.path("peerId").asText());
    assertTrue(json.path("peerId").asText().startsWith("12D3KooW"));
  }

  @Test
  void newRefusesToOverwriteAndLeavesTheFileAlone(@TempDir final Path dir) throws Exception {
    final Path key = dir.resolve("agent.json");
    assertEquals(ExitCodes.OK, perp("keys", "new", "--out", key.toString()));
    final String before = Files.readString(key);
    assertEquals(ExitCodes.USER_ERROR, perp("keys", "new", "--out", key.toString()));
    assertTrue(err.toString().contains("refusing to overwrite"), err.toString());
    assertEquals(before, Files.readString(key));
  }

  @Test
  void showExplainsAMissingOrBrokenFile(@TempDir final Path dir) throws Exception {
    assertEquals(ExitCodes.USER_ERROR, perp("keys", "show", "--key", dir.resolve("nope.json").toString()));
    assertTrue(err.toString().contains("no such key file"), err.toString());
    final Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "[1,2]");
    assertEquals(ExitCodes.USER_ERROR, perp("keys", "show", "--key", broken.toString()));
    assertTrue(err.toString().contains("expected 64 bytes"), err.toString());
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    assertEquals(ExitCodes.USER_ERROR, perp("keys", "show", "--nope"));
  }
}
