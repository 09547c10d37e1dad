package io.perpnet.node.cli;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.node.Node;
import io.perpnet.node.config.ConfigException;
import io.perpnet.node.config.ConfigLoader;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.config.Setting;
import io.perpnet.node.config.Settings;
import io.perpnet.node.store.StoreException;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perp node run}: the node daemon. Every {@link Settings setting} is also a flag; flags
 * beat {@code PERP_*} variables, which beat the config file, which beats the defaults. Prints
 * {@code LISTEN <multiaddr>} per listen address once started, then {@code API <url> <token directory>}
 * when it serves the agent API; SIGTERM stops it cleanly.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the agent node. Settings come from flags, then PERP_* environment variables, then the config "
        + "file, then defaults (see node/node.example.toml).")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "The TOML config file.")
  Path config;

  /** The command with one option per setting. */
  static CommandLine commandLine() {
    final CommandLine cli = new CommandLine(new RunCommand());
    for (final Setting s : Settings.ALL) {
      cli.getCommandSpec().addOption(OptionSpec.builder(s.flag()).type(String.class)
          .paramLabel(s.list() ? "A,B,..." : "VALUE")
          .description(s.description() + (s.required() ? " (required)" : " (default: " + shown(s) + ")"))
          .build());
    }
    return cli;
  }

  private static String shown(final Setting s) {
    return s.defaultValue().isEmpty() ? "none" : s.defaultValue();
  }

  @Override
  public Integer call() throws Exception {
    final Map<String, String> flags = new HashMap<>();
    for (final Setting s : Settings.ALL) {
      final OptionSpec o = spec.findOption(s.flag());
      if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
        flags.put(s.key(), o.getValue());
      }
    }
    final NodeConfig cfg;
    try {
      cfg = ConfigLoader.load(flags, System.getenv(), Optional.ofNullable(config));
    } catch (ConfigException e) {
      throw new UserError(e.getMessage());
    }
    Logging.configure(cfg.logFormat());
    final Ed25519KeyPair identity;
    try {
      identity = KeyFile.read(cfg.keyFile());
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("cannot read the key file " + cfg.keyFile() + ": " + e.getMessage());
    }
    final Node node = Node.create(cfg, identity);
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "perp-node-shutdown"));
    try {
      node.start();
    } catch (StoreException e) {
      throw new UserError(e.getMessage());
    } catch (InterruptedException e) {
      stopped.await(); // SIGTERM while starting: the hook is stopping the node
      return ExitCodes.OK;
    }
    final var out = spec.commandLine().getOut();
    for (final Multiaddr a : node.listenAddresses()) {
      out.println("LISTEN " + a);
    }
    node.api().ifPresent(api -> out.println("API http://" + api.address().getHostString() + ":"
        + api.address().getPort() + "/v1 " + api.tokens().file(io.perpnet.node.api.auth.Scope.FULL).getParent()));
    out.flush();
    stopped.await(); // until SIGTERM or SIGINT runs the hook; the JVM then exits
    return ExitCodes.OK;
  }
}
