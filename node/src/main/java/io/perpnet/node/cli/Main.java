package io.perpnet.node.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of {@code ./perp}. Exit codes: 0 success, 2 a usage or input error the user can fix,
 * 3 refused by the node's API (its code and message on standard error), 1 an unexpected failure.
 */
public final class Main {
  private Main() {}

  public static void main(final String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given output streams; tests call this instead of {@link #main}. */
  public static int run(final String[] args, final PrintWriter out, final PrintWriter err) {
    final CommandLine cli = new CommandLine(new PerpCommand());
    // its options come from the settings table, so it is added here rather than by annotation
    cli.getSubcommands().get("node").addSubcommand("run", RunCommand.commandLine());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof UserError) {
        commandLine.getErr().println("error: " + ex.getMessage());
        return ExitCodes.USER_ERROR;
      }
      commandLine.getErr().println("unexpected failure: " + ex);
      ex.printStackTrace(commandLine.getErr());
      return ExitCodes.FAILURE;
    });
    return cli.execute(args);
  }
}
