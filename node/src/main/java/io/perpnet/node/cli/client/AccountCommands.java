package io.perpnet.node.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code perp balance}, {@code perp risk}, {@code perp kill-switch on|off}, {@code perp deadman MS}. */
public final class AccountCommands {
  private AccountCommands() {}

  @Command(name = "balance", mixinStandardHelpOptions = true, description = "Our margin account on chain.")
  public static final class Balance extends ClientCommand {
    @Override
    JsonNode call(final NodeApi api) {
      return api.get("/balance");
    }

    @Override
    void print(final PrintWriter out, final JsonNode a) {
      Table.fields(out, a);
    }
  }

  @Command(name = "risk", mixinStandardHelpOptions = true, description = "Limits, their use and the switches.")
  public static final class Risk extends ClientCommand {
    @Override
    JsonNode call(final NodeApi api) {
      return api.get("/risk");
    }

    @Override
    void print(final PrintWriter out, final JsonNode a) {
      Table.fields(out, a);
    }
  }

  @Command(name = "kill-switch", mixinStandardHelpOptions = true,
      description = "Turn the kill switch on (cancel every open intent, sign nothing new) or off.")
  public static final class KillSwitch extends ClientCommand {
    @Parameters(paramLabel = "on|off") String state;
    @Option(names = "--close-positions", description = "with on: also close every position at mark") boolean close;

    @Override
    JsonNode call(final NodeApi api) {
      if (!state.equals("on") && !state.equals("off")) {
        throw new io.perpnet.node.cli.UserError("kill-switch takes on or off, not " + state);
      }
      return api.post("/risk/kill-switch", NodeApi.object().put("on", state.equals("on")).put("closePositions",
          close));
    }

    @Override
    void print(final PrintWriter out, final JsonNode a) {
      out.println("kill switch " + (a.path("killSwitch").asBoolean() ? "on" : "off"));
    }
  }
}
