package io.perpnet.devnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.devnet.DevnetState;
import io.perpnet.devnet.Repo;
import io.perpnet.devnet.Status;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "The nodes, the chain, the markets and whether the money on chain adds up")
final class StatusCommand implements Callable<Integer> {
  @CommandLine.Mixin
  DirOption dir;

  @Option(names = "--json", description = "one JSON object (its fields are in devnet/README.md)")
  boolean json;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(dir.get().state())) {
      throw new IllegalStateException("no devnet in " + dir.get().root() + " (perp devnet up)");
    }
    final JsonNode s = Status.of(Repo.find(), DevnetState.load(dir.get().state()));
    final PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(s));
      return 0;
    }
    out.printf("chain %s at %s: slot %s, program %s%n", s.path("chain").path("alive").asBoolean() ? "up" : "DOWN",
        s.path("rpcUrl").asText(), s.path("chain").path("slot").asText("?"), s.path("programId").asText());
    for (final JsonNode m : s.path("markets")) {
      out.printf("  %-9s price %-14s age %6s ms  open interest %s (%s positions)%n", m.path("symbol").asText(),
          m.path("price").asText("-"), m.path("ageMs").asText("-"), m.path("openInterest").asText(),
          m.path("openPositions").asText());
    }
    final JsonNode money = s.path("conservation");
    out.printf("  money: vault %s = margins %s + insurance %s + fees %s: %s%n", money.path("vault").asText("?"),
        money.path("margins").asText("?"), money.path("insuranceFund").asText("?"), money.path("feeTreasury").asText("?"),
        money.path("balanced").asBoolean() ? "balanced" : "NOT BALANCED");
    for (final JsonNode n : s.path("nodes")) {
      out.printf("%-20s %-18s %-5s peers %-2s positions %-3s equity %-14s %s%n", n.path("name").asText(),
          rolesOf(n),
          n.path("alive").asBoolean() ? "up" : "DOWN", n.path("connectedPeers").asText("-"),
          n.path("openPositions").asText("-"), n.path("equity").asText("-"), n.path("apiUrl").asText());
    }
    out.println("recent trades:" + (s.path("recentTrades").isEmpty() ? " none" : ""));
    for (final JsonNode t : s.path("recentTrades")) {
      out.printf("  %s %-9s %-5s %s at %s (%s)%n", t.path("id").asText().substring(0, 12), t.path("market").asText(),
          t.path("side").asText(), t.path("size").asText(), t.path("price").asText(), t.path("state").asText());
    }
    out.println("recent liquidations:" + (s.path("recentLiquidations").isEmpty() ? " none" : ""));
    for (final JsonNode l : s.path("recentLiquidations")) {
      out.printf("  %s %-9s %s %s down at %s, reward %s (%s)%n", l.path("matchId").asText().substring(0, 12),
          l.path("market").asText(), l.path("size").asText(), l.path("down").asText(), l.path("mark").asText(),
          l.path("reward").asText(), l.path("liquidator").asText());
    }
    return 0;
  }

  private static String rolesOf(final JsonNode n) {
    final StringBuilder b = new StringBuilder();
    n.path("roles").forEach(r -> b.append(b.isEmpty() ? "" : ",").append(r.asText()));
    return b.toString();
  }
}
