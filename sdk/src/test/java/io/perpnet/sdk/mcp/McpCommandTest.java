package io.perpnet.sdk.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class McpCommandTest {
  @TempDir
  Path dir;

  @Test
  void aNodeThatIsNotThereIsOneLineAndExitOneNotAStackTrace() throws Exception {
    final Path token = Files.writeString(dir.resolve("token"), "00");
    final int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final PrintStream before = System.err;
    final int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      code = new CommandLine(new McpCommand()).execute("--node", "http://127.0.0.1:" + port, "--token",
          token.toString());
    } finally {
      System.setErr(before);
    }
    final String out = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, out);
    assertTrue(out.contains("perp mcp: cannot open an MCP session at http://127.0.0.1:" + port + "/mcp: "), out);
    assertTrue(out.lines().noneMatch(l -> l.strip().startsWith("at ")), "no stack trace: " + out);
  }
}
