package io.perpnet.sdk.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's MCP endpoint as a client sees it (the official SDK's streamable HTTP client with the
 * bearer token), and its tools and resources as specifications a local server serves by calling
 * the node: what the node answers passes through unchanged, tool errors included.
 */
final class NodeMcp {
  /** Longer than the node's longest tool ({@code open_position} waits up to 25 s). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private NodeMcp() {}

  /** A client of {@code node}'s {@code /mcp}, initialized, its session opened with these guard rails. */
  static McpSyncClient connect(final String node, final Path tokenFile, final BigDecimal budget, final boolean confirm)
      throws IOException {
    final String token = Files.readString(tokenFile).strip();
    final StringBuilder endpoint = new StringBuilder("/mcp");
    if (budget != null) {
      endpoint.append("?budgetUsdc=").append(budget.toPlainString());
    }
    if (confirm) {
      endpoint.append(budget == null ? '?' : '&').append("confirm=true");
    }
    final HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(node)
        .endpoint(endpoint.toString())
        .httpRequestCustomizer((request, method, uri, body, context) ->
            request.header("Authorization", "Bearer " + token))
        .build();
    final McpSyncClient client = McpClient.sync(transport).requestTimeout(CALL_TIMEOUT)
        .clientInfo(new McpSchema.Implementation("perp-mcp", "0.1.0")).build();
    client.initialize();
    return client;
  }

  static List<SyncToolSpecification> tools(final McpSyncClient node) {
    final List<SyncToolSpecification> out = new ArrayList<>();
    String cursor = null;
    do {
      final McpSchema.ListToolsResult page = node.listTools(cursor);
      for (final McpSchema.Tool t : page.tools()) {
        out.add(SyncToolSpecification.builder().tool(t).callHandler((exchange, call) -> {
          try {
            return node.callTool(call);
          } catch (RuntimeException e) {
            return McpSchema.CallToolResult.builder().addTextContent("UNREACHABLE: the node did not answer "
                + t.name() + ": " + e.getMessage() + ". The node is not answering; retry later").isError(true)
                .build();
          }
        }).build());
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }

  static List<SyncResourceSpecification> resources(final McpSyncClient node) {
    return node.listResources().resources().stream()
        .map(r -> new SyncResourceSpecification(r, (exchange, read) -> node.readResource(read))).toList();
  }
}
