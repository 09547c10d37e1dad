package io.perpnet.devnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.devnet.Devnet;
import io.perpnet.devnet.DevnetState;
import io.perpnet.devnet.Plan;
import io.perpnet.devnet.Repo;
import io.perpnet.devnet.UpOptions;
import io.perpnet.devnet.net.Readiness;
import io.perpnet.devnet.net.Validator;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Starts the devnet (or resumes a stopped one with its state) and returns once it is trading")
final class UpCommand implements Callable<Integer> {
  @CommandLine.Mixin
  DirOption dir;

  @Option(names = "--nodes", defaultValue = "6", description = "nodes: 3 oracles, 2 makers, then traders (at least "
      + Plan.MINIMUM + "; default ${DEFAULT-VALUE})")
  int nodes;

  @Option(names = "--seed", defaultValue = "1", description = "the simulated price feed's seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--rpc-port", defaultValue = "8899",
      description = "the validator's JSON-RPC port; PubSub on the next (0: free ports; default ${DEFAULT-VALUE})")
  int rpcPort;

  @Option(names = "--prices", defaultValue = "simulated", description = "the oracles' prices: simulated, "
      + "replay:FILE (timestampMs,symbol,price lines), coinbase[:URL], hyperliquid[:URL] (default ${DEFAULT-VALUE})")
  String prices;

  @Option(names = "--rpc-url", description = "use this cluster instead of starting the local validator: the escrow "
      + "deployed at --program-id, accounts funded by its faucet (requestAirdrop)")
  String rpcUrl;

  @Option(names = "--ws-url", description = "the cluster's PubSub (default: the RPC port plus one, over ws)")
  String wsUrl;

  @Option(names = "--program-id", defaultValue = Validator.PROGRAM_ID,
      description = "the escrow's address on the --rpc-url cluster (default ${DEFAULT-VALUE})")
  String programId;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    final var out = spec.commandLine().getOut();
    final DevnetState s = new Devnet(Repo.find(), dir.get(), out).up(new UpOptions(nodes, seed, rpcPort,
        prices, java.util.Optional.ofNullable(rpcUrl).map(u -> UpOptions.External.of(u, wsUrl, programId))));
    out.println("waiting for prices and a first trade...");
    final JsonNode first = Readiness.await(s);
    out.println("trading: the first trader bought 0.001 BTC-PERP (intent " + first.path("id").asText().substring(0, 16)
        + "...). Try: ./perp trade long BTC-PERP 0.01 --node " + traderApi(s) + " --token " + traderToken(s));
    return 0;
  }

  private static String traderApi(final DevnetState s) {
    return trader(s).apiUrl();
  }

  private static String traderToken(final DevnetState s) {
    return trader(s).tokenFile();
  }

  private static DevnetState.NodeEntry trader(final DevnetState s) {
    return s.nodes().stream().filter(n -> n.roles().contains("trader")).findFirst().orElseThrow();
  }
}
