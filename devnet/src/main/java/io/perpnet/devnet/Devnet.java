package io.perpnet.devnet;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.devnet.net.Genesis;
import io.perpnet.devnet.net.NodeLauncher;
import io.perpnet.devnet.net.Validator;
import io.perpnet.devnet.proc.Processes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code up} and {@code down}. Up starts (or resumes) the validator, makes the chain's genesis
 * once, starts every node of the {@link Plan} in order, each dialling the ones before it, and
 * saves the state after each step, so {@code down} finds everything that was started even when
 * {@code up} failed half-way. Up on a running devnet changes nothing.
 */
public final class Devnet {
  private final Repo repo;
  private final DevnetDir dir;
  private final PrintWriter out;

  public Devnet(final Repo repo, final DevnetDir dir, final PrintWriter out) {
    this.repo = repo;
    this.dir = dir;
    this.out = out;
  }

  public DevnetState up(final UpOptions o) throws Exception {
    final boolean resuming = Files.exists(dir.state());
    final DevnetState before = resuming ? DevnetState.load(dir.state()) : null;
    if (resuming && (before.validator() != null ? Processes.alive(before.validator())
        : before.nodes().stream().anyMatch(n -> Processes.alive(n.process())))) {
      out.println("the devnet in " + dir.root() + " is already running (perp devnet status, perp devnet down)");
      return before;
    }
    final java.util.Optional<UpOptions.External> external = resuming
        ? (before.validator() == null ? java.util.Optional.of(new UpOptions.External(before.rpcUrl(), before.wsUrl(),
            before.programId())) : java.util.Optional.empty())
        : o.external();
    final Plan plan = Plan.of(resuming ? DevnetState.load(dir.state()).nodes().size() : o.nodes())
        .withOracleSettings(o.oracleSettings());
    final Ed25519KeyPair admin = key("admin");
    out.println((resuming ? "resuming" : "starting") + " the devnet in " + dir.root());
    final Validator.Started v = external.isPresent() ? null
        : Validator.start(repo, dir, o.rpcPort(), admin.publicKey().toAddress());
    final String rpcUrl = v == null ? external.get().rpcUrl() : v.rpcUrl();
    final String programId = v == null ? external.get().programId() : Validator.PROGRAM_ID;
    DevnetState state = new DevnetState(rpcUrl, v == null ? external.get().wsUrl() : v.wsUrl(), programId,
        resuming ? before.usdcMint() : "", admin.publicKey().toAddress(), v == null ? null : v.process(), List.of());
    state.save(dir.state());
    out.println(v == null ? "cluster: " + rpcUrl + " (external: not started or stopped here; escrow " + programId + ")"
        : "validator: " + rpcUrl + " (log " + dir.validatorLog() + ")");
    final Genesis genesis = new Genesis(rpcUrl, admin, programId);
    if (!genesis.done()) {
      final var mint = genesis.create(plan.oracles().stream().map(n -> key(n.name())).toList());
      for (final Plan.NodePlan n : plan.nodes()) {
        genesis.onboard(key(n.name()), mint, n.mintedUsdc() * Genesis.USDC, n.depositUsdc() * Genesis.USDC);
      }
      state = new DevnetState(state.rpcUrl(), state.wsUrl(), state.programId(), mint.toBase58(), state.admin(),
          state.validator(), List.of());
      state.save(dir.state());
      out.println("genesis: USDC mint " + mint.toBase58() + ", markets " + Genesis.MARKETS.stream()
          .map(m -> m.symbol()).toList() + ", " + plan.oracles().size() + " oracles (threshold "
          + Genesis.ORACLE_THRESHOLD + "), " + plan.nodes().size() + " agents funded");
    }
    final List<DevnetState.NodeEntry> started = new ArrayList<>();
    for (final Plan.NodePlan n : plan.nodes()) {
      final DevnetState.NodeEntry e = NodeLauncher.start(repo, dir, n, key(n.name()), state,
          started.stream().map(DevnetState.NodeEntry::listen).toList(), o.seed());
      started.add(e);
      state = state.withNodes(started);
      state.save(dir.state());
      out.println(String.format("%-20s %-18s %s  %s  token %s%s", e.name(), String.join(",", e.roles()), e.peerId(),
          e.apiUrl(), e.tokenFile(), e.agent() == null ? "" : "  agent " + e.agent()));
    }
    out.println("logs: " + dir.root().resolve("nodes") + "/NAME/node.log (perp devnet logs NAME)");
    return state;
  }

  /** Stops every process it started (nodes first, the validator last); with {@code purge}, deletes the directory. */
  public void down(final boolean purge) throws IOException {
    if (!Files.exists(dir.state())) {
      out.println("no devnet in " + dir.root());
    } else {
      final DevnetState s = DevnetState.load(dir.state());
      for (final DevnetState.NodeEntry n : s.nodes().reversed()) {
        if (n.agentProcess() != null) {
          out.println(n.name() + " agent " + n.agent() + (Processes.stop(n.agentProcess(), Duration.ofSeconds(20))
              ? ": stopped" : ": not running"));
        }
        out.println(n.name() + (Processes.stop(n.process(), Duration.ofSeconds(20)) ? ": stopped" : ": not running"));
      }
      out.println(s.validator() == null ? "cluster " + s.rpcUrl() + ": external, left running"
          : "validator" + (Processes.stop(s.validator(), Duration.ofSeconds(20)) ? ": stopped" : ": not running"));
    }
    if (purge && Files.exists(dir.root())) {
      try (var walk = Files.walk(dir.root())) {
        for (final var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
      out.println("deleted " + dir.root());
    }
  }

  /** The named key of this devnet, made on first use. */
  private Ed25519KeyPair key(final String name) {
    try {
      if (!Files.exists(dir.key(name))) {
        Files.createDirectories(dir.key(name).getParent());
        KeyFile.write(dir.key(name), Ed25519KeyPair.generate());
      }
      return KeyFile.read(dir.key(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
