package io.perpnet.devnet.net;

import io.perpnet.devnet.DevnetDir;
import io.perpnet.devnet.DevnetState;
import io.perpnet.devnet.Repo;
import io.perpnet.devnet.proc.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * The devnet's Solana validator (devnet/validator: LiteSVM behind the standard JSON-RPC and
 * PubSub) as a process of its own, its ledger in the devnet directory (saved every 5 s and when
 * it stops, reloaded by the next start), with escrow.so deployed through the upgradeable loader
 * at the first start, the admin as its upgrade authority.
 */
public final class Validator {
  /** The escrow's address on every devnet (the validator deploys it there without its key). */
  public static final String PROGRAM_ID = "PerpEscrow111111111111111111111111111111111";
  private static final Duration START = Duration.ofSeconds(60);

  /** A started validator and where it serves. */
  public record Started(DevnetState.Proc process, String rpcUrl, String wsUrl) {}

  private Validator() {}

  public static Started start(final Repo repo, final DevnetDir dir, final int rpcPort, final String admin)
      throws IOException, InterruptedException {
    if (!Files.exists(repo.escrowSo())) {
      throw new IOException(repo.escrowSo() + " is missing: build it with ./mvnw -pl escrow-program -am package");
    }
    installPackages(repo, dir);
    Files.createDirectories(dir.ledger());
    final long from = Processes.size(dir.validatorLog());
    final DevnetState.Proc p = Processes.start(List.of("node", "src/main.js", "--rpc-port", Integer.toString(rpcPort),
        "--ledger", dir.ledger().toString(), "--upgradeable-program", PROGRAM_ID, repo.escrowSo().toString(), admin),
        repo.validator(), dir.validatorLog());
    final String rpc = Processes.awaitLine(p, from, "JSON RPC URL: ", START);
    final String ws = Processes.awaitLine(p, from, "WebSocket PubSub URL: ", START);
    return new Started(p, rpc.strip(), ws.strip());
  }

  /** The validator's npm packages, from its lock file, on first use; npm's output goes to the validator's log. */
  private static void installPackages(final Repo repo, final DevnetDir dir) throws IOException, InterruptedException {
    if (Files.isDirectory(repo.validator().resolve("node_modules/litesvm"))) {
      return;
    }
    Files.createDirectories(dir.validatorLog().getParent());
    final Process npm = new ProcessBuilder("bash", "-c",
        "npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error")
        .directory(repo.validator().toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.validatorLog().toFile())).start();
    if (npm.waitFor() != 0) {
      throw new IOException("npm install failed in " + repo.validator() + "; see " + dir.validatorLog());
    }
  }
}
