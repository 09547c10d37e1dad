package io.perpnet.devnet.cli;

import io.perpnet.devnet.Devnet;
import io.perpnet.devnet.Repo;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stops every process the devnet started; keeps its data unless --purge")
final class DownCommand implements Callable<Integer> {
  @CommandLine.Mixin
  DirOption dir;

  @Option(names = "--purge", description = "also delete the devnet's directory")
  boolean purge;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    new Devnet(Repo.find(), dir.get(), spec.commandLine().getOut()).down(purge);
    return 0;
  }
}
