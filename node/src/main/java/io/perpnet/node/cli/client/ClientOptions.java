package io.perpnet.node.cli.client;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every client command takes: which node, which token, and JSON output. */
public final class ClientOptions {
  @Option(names = "--node", paramLabel = "URL", defaultValue = "http://127.0.0.1:7300",
      description = "The node's API (default: ${DEFAULT-VALUE}).")
  String node;

  @Option(names = "--token", paramLabel = "FILE", defaultValue = "perp-data/api/token-full",
      description = "A token file of the node (default: ${DEFAULT-VALUE}).")
  Path token;

  @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
  boolean json;

  NodeApi api() {
    return new NodeApi(node, token);
  }
}
