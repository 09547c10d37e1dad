package io.perpnet.devnet.cli;

import io.perpnet.devnet.DevnetState;
import io.perpnet.devnet.bench.Bench;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Trader agents against the makers of a running devnet: throughput, latency, refusals, CPU and memory")
final class BenchCommand implements Callable<Integer> {
  @CommandLine.Mixin
  DirOption dir;

  @Option(names = "--traders", defaultValue = "4", description = "concurrent trader agents (default ${DEFAULT-VALUE})")
  int traders;

  @Option(names = "--seconds", defaultValue = "30", description = "how long (default ${DEFAULT-VALUE})")
  int seconds;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(dir.get().state())) {
      throw new IllegalStateException("no devnet in " + dir.get().root() + " (perp devnet up)");
    }
    new Bench(DevnetState.load(dir.get().state()), spec.commandLine().getOut()).run(traders,
        Duration.ofSeconds(seconds));
    return 0;
  }
}
