package io.perpnet.sdk.mcp;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.perpnet.sdk.client.NodeClient;
import io.perpnet.sdk.stream.EventStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code perp mcp}: the node's MCP endpoint ({@code /mcp} on its API port) served on standard
 * input and output, for LLM clients that launch a process. The tools and resources are the
 * node's, called through it with the token given (so a trading-scoped token cannot withdraw, and
 * the session's guard rails are the node's); this process adds what streamable HTTP does not
 * carry here, {@code notifications/resources/updated} from the node's event stream. Logs go to
 * standard error: standard output is the protocol's.
 */
@Command(name = "perp mcp", mixinStandardHelpOptions = true,
    description = "Serve a node's trading tools to an LLM client over MCP (stdio).")
public final class McpCommand implements Callable<Integer> {
  @Option(names = "--node", defaultValue = "http://127.0.0.1:7300", description = "the node's API (default ${DEFAULT-VALUE})")
  String node;

  @Option(names = "--token", required = true, description = "the API token file (a read, trade or full token)")
  Path token;

  @Option(names = "--budget-usdc", description = "the session's notional budget: opens beyond it are refused (BUDGET)")
  BigDecimal budget;

  @Option(names = "--confirm", description = "open_position only proposes; confirm_open places the proposal")
  boolean confirm;

  @Override
  public Integer call() throws Exception {
    final NodeClient client = NodeClient.connect(node, token);
    final CountDownLatch ended = new CountDownLatch(1);
    final McpSyncClient node;
    try {
      node = NodeMcp.connect(this.node, token, budget, confirm);
    } catch (RuntimeException e) { // not there, a wrong token, refused guard rails: say so, plainly
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      System.err.println("perp mcp: cannot open an MCP session at " + this.node + "/mcp: " + e.getMessage()
          + (root != e ? " (" + root + ")" : ""));
      return 1;
    }
    try (McpSyncClient upstream = node) {
      final McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
              endOf(System.in, ended), System.out))
          .serverInfo(upstream.getServerInfo())
          .instructions(upstream.getServerInstructions())
          .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(true, false).build())
          .validateToolInputs(false) // the node checks the arguments, naming the field
          .tools(NodeMcp.tools(upstream))
          .resources(NodeMcp.resources(upstream))
          .build();
      final EventStream events = ResourceChanges.follow(client, server);
      ended.await(); // until the client closes our standard input
      events.close();
      server.close();
    }
    return 0;
  }

  /** Standard input that counts {@code ended} down at its end (the client is gone). */
  private static InputStream endOf(final InputStream in, final CountDownLatch ended) {
    return new FilterInputStream(in) {
      @Override
      public int read(final byte[] b, final int off, final int len) throws IOException {
        final int n = super.read(b, off, len);
        if (n < 0) {
          ended.countDown();
        }
        return n;
      }

      @Override
      public int read() throws IOException {
        final int c = super.read();
        if (c < 0) {
          ended.countDown();
        }
        return c;
      }
    };
  }

  public static void main(final String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/perpnet/sdk/mcp/mcp-logback.xml");
    }
    System.exit(new CommandLine(new McpCommand()).execute(args));
  }
}
