package io.perpnet.node.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code perp intents [list|cancel ID]}. */
@Command(name = "intents", mixinStandardHelpOptions = true, description = "The intents placed through the node's API.",
    subcommands = {IntentsCommand.Cancel.class})
public final class IntentsCommand extends ClientCommand {
  static final List<String> COLUMNS = List.of("id", "status", "intent.market", "intent.side", "intent.size",
      "intent.limitPrice", "reason");

  @Override
  JsonNode call(final NodeApi api) {
    return api.get("/intents");
  }

  @Override
  void print(final PrintWriter out, final JsonNode a) {
    Table.print(out, a, COLUMNS);
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel an open intent.")
  static final class Cancel extends ClientCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    JsonNode call(final NodeApi api) {
      return api.delete("/intents/" + id);
    }

    @Override
    void print(final PrintWriter out, final JsonNode a) {
      out.println("intent " + a.path("id").asText() + ": " + a.path("status").asText());
    }
  }
}
