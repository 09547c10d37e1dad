package io.perpnet.node.cli;

import io.perpnet.node.store.Replay;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perp node}: operate an agent's node and its data directory. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Operate the agent node and its data directory.",
    subcommands = {NodeCommand.ReplayCommand.class})
public final class NodeCommand {

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Rebuild every derived column from the event log and report any difference from what is "
          + "stored (exit 0: none, 1: differences). The node must be stopped.")
  static final class ReplayCommand implements Callable<Integer> {
    private static final int MAX_SHOWN = 50;

    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The node's data directory.")
    Path data;

    @Override
    public Integer call() {
      if (!Files.isDirectory(data)) {
        throw new UserError("no data directory at " + data);
      }
      final Replay.Report report;
      try (Store store = Store.open(data)) {
        report = Replay.run(store);
      } catch (StoreException e) {
        throw new UserError(e.getMessage());
      }
      final var out = spec.commandLine().getOut();
      out.println("replayed " + report.events() + " events");
      for (final var e : report.entries().entrySet()) {
        out.println("  " + e.getKey().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getValue() + " entries");
      }
      if (report.healthy()) {
        out.println("every derived column matches the event log");
        return ExitCodes.OK;
      }
      out.println(report.differences().size() + " differences from the event log:");
      report.differences().stream().limit(MAX_SHOWN).forEach(d -> out.println("  " + d));
      if (report.differences().size() > MAX_SHOWN) {
        out.println("  ... and " + (report.differences().size() - MAX_SHOWN) + " more");
      }
      return ExitCodes.FAILURE;
    }
  }

}
