package io.perpnet.devnet.net;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.devnet.DevnetDir;
import io.perpnet.devnet.DevnetState;
import io.perpnet.devnet.Plan;
import io.perpnet.devnet.Repo;
import io.perpnet.devnet.proc.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts one devnet node as its own process, {@code java -jar node/target/perp.jar node run
 * --config nodes/NAME/node.toml}, with settings written for it (the chain, all three markets, its
 * roles, free ports on 127.0.0.1 for the network, the API and the metrics, the nodes started
 * before it to dial), and waits for the lines it prints once serving.
 */
public final class NodeLauncher {
  private static final Duration START = Duration.ofSeconds(120);

  private NodeLauncher() {}

  public static DevnetState.NodeEntry start(final Repo repo, final DevnetDir dir, final Plan.NodePlan plan,
      final Ed25519KeyPair key, final DevnetState chain, final List<String> bootstrap, final long seed)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.node(plan.name()));
    Files.writeString(dir.nodeConfig(plan.name()), toml(dir, plan, chain, bootstrap, seed));
    final long from = Processes.size(dir.nodeLog(plan.name()));
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    final DevnetState.Proc p = Processes.start(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
        "-jar", repo.nodeJar().toString(), "node", "run", "--config", dir.nodeConfig(plan.name()).toString()),
        dir.node(plan.name()), dir.nodeLog(plan.name()));
    final String listen = Processes.awaitLine(p, from, "LISTEN ", START).strip();
    final String api = Processes.awaitLine(p, from, "API ", START).strip();
    final String apiUrl = api.substring(0, api.indexOf(' ')).replaceFirst("/v1$", "");
    final PeerId peer = PeerId.of(key.publicKey());
    final DevnetState.Proc agent = plan.agent().isEmpty() ? null : startAgent(repo, dir, plan, apiUrl);
    return new DevnetState.NodeEntry(plan.name(), plan.roles(), key.publicKey().toAddress(), peer.toString(),
        listen.contains("/p2p/") ? listen : listen + "/p2p/" + peer, apiUrl, dir.tokenFile(plan.name()).toString(), p,
        plan.agent().isEmpty() ? null : plan.agent(), agent);
  }

  /**
   * {@code perp agent run AGENT --node URL --token token-trade} beside its node (the trading scope
   * is all an agent needs), logging to {@code nodes/NAME/agent.log}; waits for its {@code AGENT} line.
   */
  private static DevnetState.Proc startAgent(final Repo repo, final DevnetDir dir, final Plan.NodePlan plan,
      final String apiUrl) throws IOException, InterruptedException {
    final Path log = dir.node(plan.name()).resolve("agent.log");
    final long from = Processes.size(log);
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    final DevnetState.Proc a = Processes.start(List.of(java, "-Xmx256m", "-jar", repo.agentJar().toString(), "run",
        plan.agent(), "--node", apiUrl, "--token", dir.tokenFile(plan.name()).resolveSibling("token-trade").toString()),
        dir.node(plan.name()), log);
    Processes.awaitLine(a, from, "AGENT ", START);
    return a;
  }

  static String toml(final DevnetDir dir, final Plan.NodePlan plan, final DevnetState chain,
      final List<String> bootstrap, final long seed) {
    final StringBuilder t = new StringBuilder("# written by perp devnet up; rewritten at every up\n");
    t.append("key-file = ").append(quote(dir.key(plan.name()).toString())).append('\n');
    t.append("data-dir = ").append(quote(dir.nodeData(plan.name()).toString())).append('\n');
    t.append("listen = [\"/ip4/127.0.0.1/tcp/0\"]\n");
    t.append("bootstrap = ").append(list(bootstrap)).append('\n');
    t.append("rpc-url = ").append(quote(chain.rpcUrl())).append('\n');
    t.append("ws-url = ").append(quote(chain.wsUrl())).append('\n');
    t.append("program-id = ").append(quote(chain.programId())).append('\n');
    t.append("usdc-mint = ").append(quote(chain.usdcMint())).append('\n');
    t.append("markets = ").append(list(Genesis.MARKETS.stream().map(m -> m.symbol()).toList())).append('\n');
    t.append("roles = ").append(list(plan.roles())).append('\n');
    t.append("api-listen = \"127.0.0.1:0\"\n");
    t.append("metrics-listen = \"127.0.0.1:0\"\n");
    t.append("api-rate = 1000\napi-burst = 1000\n"); // agents and the bench drive these nodes hard
    t.append("oracle-sim-seed = ").append(seed).append('\n');
    for (final Map.Entry<String, String> e : plan.settings().entrySet()) {
      t.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
    }
    return t.toString();
  }

  private static String quote(final String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String list(final List<String> items) {
    return items.stream().map(NodeLauncher::quote).collect(Collectors.joining(", ", "[", "]"));
  }
}
