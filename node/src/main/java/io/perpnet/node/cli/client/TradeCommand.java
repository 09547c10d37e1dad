package io.perpnet.node.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code perp trade long|short MARKET SIZE}: places an intent and waits for its outcome. */
@Command(name = "trade", mixinStandardHelpOptions = true,
    description = "Place an intent through the node's API and wait until it is filled or ends.")
public final class TradeCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "SIDE", description = "long or short") String side;
  @Parameters(index = "1", paramLabel = "MARKET", description = "e.g. BTC-PERP") String market;
  @Parameters(index = "2", paramLabel = "SIZE", description = "base units as a decimal, e.g. 0.01") String size;
  @Option(names = "--leverage", paramLabel = "N") Integer leverage;
  @Option(names = "--limit", paramLabel = "PRICE", description = "worst price, USDC") String limit;
  @Option(names = "--slippage-bps", paramLabel = "BPS") Integer slippage;
  @Option(names = "--window-ms", paramLabel = "MS", description = "quote window") Integer window;
  @Option(names = "--first", description = "accept the first acceptable quote") boolean first;
  @Option(names = "--client-id", paramLabel = "ID") String clientId;
  @Option(names = "--reason", paramLabel = "TEXT") String reason;

  @Override
  JsonNode call(final NodeApi api) {
    final ObjectNode body = NodeApi.object().put("market", market).put("side", side).put("size", size);
    if (leverage != null) {
      body.put("leverage", leverage);
    }
    if (limit != null) {
      body.put("limitPrice", limit);
    }
    if (slippage != null) {
      body.put("slippageBps", slippage);
    }
    if (window != null) {
      body.put("quoteWindowMs", window);
    }
    if (first) {
      body.put("firstAcceptable", true);
    }
    if (clientId != null) {
      body.put("clientId", clientId);
    }
    if (reason != null) {
      body.put("reason", reason);
    }
    final String id = api.post("/intents", body).path("id").asText();
    return api.get("/intents/" + id + "?waitMs=30000");
  }

  @Override
  void print(final PrintWriter out, final JsonNode a) {
    out.println("intent " + a.path("id").asText() + ": " + a.path("status").asText());
    Table.print(out, a.path("fills"), List.of("id", "state", "size", "price", "maker", "reason"));
  }
}
