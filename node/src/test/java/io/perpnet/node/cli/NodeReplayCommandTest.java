package io.perpnet.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeReplayCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int perp(final String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void aHealthyStoreReplaysToWhatIsStored(@TempDir final Path dir) throws Exception {
    try (Store s = Store.open(dir)) {
      s.append("intent.published", new byte[0], List.of(new Event.Change(Column.INTENTS,
          "i".getBytes(StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8))), Store.Durability.SYNCED);
    }
    assertEquals(ExitCodes.OK, perp("node", "replay", "--data", dir.toString()), err.toString());
    assertTrue(out.toString().contains("replayed 1 events"), out.toString());
    assertTrue(out.toString().contains("intents: 1 entries"), out.toString());
    assertTrue(out.toString().contains("every derived column matches the event log"), out.toString());
  }

  @Test
  void aRunningNodesDirectoryOrAMissingOneIsAClearError(@TempDir final Path dir) throws Exception {
    assertEquals(ExitCodes.USER_ERROR, perp("node", "replay", "--data", dir.resolve("nothing").toString()));
    assertTrue(err.toString().contains("no data directory at"), err.toString());
    try (Store s = Store.open(dir)) {
      assertEquals(ExitCodes.USER_ERROR, perp("node", "replay", "--data", dir.toString()));
      assertTrue(err.toString().contains("in use by another node"), err.toString());
    }
  }
}
