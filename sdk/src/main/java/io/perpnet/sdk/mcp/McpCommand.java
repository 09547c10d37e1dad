package io.perpnet.sdk.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.perpnet.sdk.client.NodeClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code perp mcp}: a Model Context Protocol server on standard input and output, for LLM clients
 * that launch a process; each tool is a call of a node's API with the token given (so a
 * trading-scoped token cannot withdraw). Logs go to standard error: standard output is the
 * protocol's.
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
    final PerpResources resources = new PerpResources(client);
    final McpJsonMapper json = McpJsonDefaults.getMapper();
    final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    final java.io.InputStream in = new java.io.FilterInputStream(System.in) {
      @Override
      public int read(final byte[] b, final int off, final int len) throws java.io.IOException {
        final int n = super.read(b, off, len);
        if (n < 0) {
          ended.countDown(); // the client closed our standard input: it is gone
        }
        return n;
      }

      @Override
      public int read() throws java.io.IOException {
        final int c = super.read();
        if (c < 0) {
          ended.countDown();
        }
        return c;
      }
    };
    final McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, in, System.out))
        .serverInfo("perpnet-node", "0.1.0")
        .instructions("Trade perpetual futures through a perpnet node. Amounts and prices are decimal strings"
            + " (\"0.001\", \"67000.5\"). Start with list_markets; open_position opens, list_positions and"
            + " position_health read, close_position closes. Errors start with a stable code and say what to do.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(true, false).build())
        .tools(new TradingTools(client, new SessionGuard(Optional.ofNullable(budget), confirm), json).all())
        .resources(resources.all())
        .build();
    final io.perpnet.sdk.stream.EventStream events = resources.follow(server);
    ended.await(); // until the client closes our standard input
    events.close();
    server.close();
    return 0;
  }

  public static void main(final String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/perpnet/sdk/mcp/mcp-logback.xml");
    }
    System.exit(new CommandLine(new McpCommand()).execute(args));
  }
}
