package io.perpnet.node.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code perp positions [close ID [--price P]]}. */
@Command(name = "positions", mixinStandardHelpOptions = true, description = "Our open positions.",
    subcommands = {PositionsCommand.Close.class})
public final class PositionsCommand extends ClientCommand {
  @Override
  JsonNode call(final NodeApi api) {
    return api.get("/positions");
  }

  @Override
  void print(final PrintWriter out, final JsonNode a) {
    Table.print(out, a, List.of("id", "market", "side", "size", "entryPrice", "margin", "counterparty"));
  }

  @Command(name = "close", mixinStandardHelpOptions = true,
      description = "Close a position at the oracle mark, or with --price by agreement with the other party.")
  static final class Close extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "the position's id (its match id)") String id;
    @Option(names = "--price", paramLabel = "PRICE", description = "propose a mutual close at this price") String price;

    @Override
    JsonNode call(final NodeApi api) {
      final ObjectNode body = NodeApi.object().put("type", price == null ? "mark" : "mutual");
      if (price != null) {
        body.put("price", price);
      }
      return api.post("/positions/" + id + "/close", body);
    }

    @Override
    void print(final PrintWriter out, final JsonNode a) {
      out.println("position " + a.path("id").asText() + ": " + a.path("status").asText());
    }
  }
}
