package io.perpnet.devnet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perp devnet}: a whole local network on this machine. */
@Command(name = "devnet", mixinStandardHelpOptions = true,
    description = "A local network: validator, escrow, USDC, oracles, makers, traders, a liquidator and a keeper",
    subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class, LogsCommand.class,
        BenchCommand.class})
public final class DevnetCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit codes: 0 done, 1 failed (the reason on standard error), 2 a usage error. */
  public static void main(final String[] args) {
    System.exit(run(args, new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true)));
  }

  public static int run(final String[] args, final java.io.PrintWriter out, final java.io.PrintWriter err) {
    final CommandLine cli = new CommandLine(new DevnetCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
      commandLine.getErr().println("error: " + ex.getMessage());
      return 1;
    });
    return cli.execute(args);
  }
}
