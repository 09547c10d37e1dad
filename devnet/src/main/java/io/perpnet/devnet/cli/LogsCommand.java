package io.perpnet.devnet.cli;

import io.perpnet.devnet.DevnetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Follows a node's log (the validator's without NODE)")
final class LogsCommand implements Callable<Integer> {
  @CommandLine.Mixin
  DirOption dir;

  @Parameters(arity = "0..1", paramLabel = "NODE", description = "a node's name, as status lists them")
  String node;

  @Override
  public Integer call() throws Exception {
    final DevnetState s = DevnetState.load(dir.get().state());
    if (node == null && s.validator() == null) {
      throw new IllegalArgumentException("this devnet uses an external cluster (" + s.rpcUrl() + "): no validator log"
          + " here; name a node");
    }
    final String log = node == null ? s.validator().log() : s.nodes().stream().filter(n -> n.name().equals(node))
        .findFirst().map(n -> n.process().log()).orElseThrow(() -> new IllegalArgumentException("no node " + node
            + " (nodes: " + s.nodes().stream().map(DevnetState.NodeEntry::name).toList() + ")"));
    if (!Files.exists(Path.of(log))) {
      throw new IllegalStateException("no log yet at " + log);
    }
    return new ProcessBuilder("tail", "-n", "50", "-F", log).inheritIO().start().waitFor();
  }
}
