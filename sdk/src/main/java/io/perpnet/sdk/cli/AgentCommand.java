package io.perpnet.sdk.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perp agent}: runs one of the SDK's example agents against a node. */
@Command(name = "perp agent", mixinStandardHelpOptions = true, subcommands = {RunCommand.class, ListCommand.class},
    description = "Run one of the SDK's example agents against a node's API.")
public final class AgentCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static int run(final String[] args, final PrintWriter out, final PrintWriter err) {
    return new CommandLine(new AgentCommand()).setOut(out).setErr(err).execute(args);
  }

  public static void main(final String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/perpnet/sdk/cli/agent-logback.xml");
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }
}
