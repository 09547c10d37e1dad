package io.perpnet.sdk.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perp agent list}: the example agents and what they do. */
@Command(name = "list", description = "The example agents.")
final class ListCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    for (final ExampleAgent a : ExampleAgent.values()) {
      spec.commandLine().getOut().printf("%-20s %s%n", a.label(), a.summary());
    }
    return 0;
  }
}
