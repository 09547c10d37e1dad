package io.perpnet.escrow.testing;


import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.escrow.rpc.SolanaRpc;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The devnet validator (devnet/validator) as a real process on 127.0.0.1, with escrow.so deployed
 * through the upgradeable loader; installs its npm packages on first use. Closing it kills it.
 */
public final class LocalValidator implements AutoCloseable {
  public static final String PROGRAM_ID = "PerpEscrow111111111111111111111111111111111";
  /** The repository's root: the nearest directory up from here that holds devnet/validator (any module may run this). */
  private static final Path ROOT = root();
  private static final Path VALIDATOR = ROOT.resolve("devnet/validator");
  public static final Path ESCROW_SO = ROOT.resolve("escrow-program/target/deploy/escrow.so");
  private static final String RPC_LINE = "JSON RPC URL: ";
  private static final String WS_LINE = "WebSocket PubSub URL: ";
  private static final Duration START = Duration.ofSeconds(60);

  private final ChildProcess process;
  public final SolanaRpc rpc;
  public final String rpcUrl;
  public final String wsUrl;
  public final String programId;

  private LocalValidator(final ChildProcess process, final String rpcUrl, final String wsUrl, final String programId) {
    this.process = process;
    this.rpcUrl = rpcUrl;
    this.wsUrl = wsUrl;
    this.rpc = new SolanaRpc(rpcUrl);
    this.programId = programId;
  }

  /**
   * With escrow.so deployed at {@code programId} through the upgradeable loader, with
   * {@code upgradeAuthority} as its upgrade authority (the one key that may initialize it). The
   * validator binds free ports itself ({@code --rpc-port 0}) and prints the URLs it serves, so
   * concurrent tests never race for a port.
   */
  private static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("devnet/validator"))) {
        return p;
      }
    }
    throw new IllegalStateException("no devnet/validator above " + Path.of("").toAbsolutePath());
  }

  public static LocalValidator start(final String programId, final Ed25519KeyPair upgradeAuthority) throws Exception {
    assertTrue(Files.exists(ESCROW_SO), ESCROW_SO + " is missing: build escrow-program first");
    installPackages();
    final Path ledger = Files.createTempDirectory("ledger");
    final ChildProcess p = ChildProcess.start("validator", List.of("node", "src/main.js", "--rpc-port", "0",
        "--ledger", ledger.toString(), "--slot-ms", "50", "--upgradeable-program", programId, ESCROW_SO.toString(),
        upgradeAuthority.publicKey().toAddress()), VALIDATOR, true);
    try {
      final String rpcUrl = p.awaitLine(0, l -> l.startsWith(RPC_LINE), START).substring(RPC_LINE.length());
      final String wsUrl = p.awaitLine(0, l -> l.startsWith(WS_LINE), START).substring(WS_LINE.length());
      return new LocalValidator(p, rpcUrl, wsUrl, programId);
    } catch (AssertionError e) {
      p.stop(Duration.ofSeconds(5));
      throw e;
    }
  }

  private static synchronized void installPackages() throws IOException, InterruptedException {
    if (Files.isDirectory(VALIDATOR.resolve("node_modules/litesvm"))) {
      return;
    }
    // Not inheriting our streams: under surefire, standard input is its command channel, and npm
    // (libuv) may make an inherited descriptor non-blocking, which breaks the channel (EAGAIN:
    // "std/in stream corrupted"); standard output is its event channel.
    final Path log = Files.createTempFile("npm-install", ".log");
    final Process npm = new ProcessBuilder("bash", "-c",
        "npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error")
        .directory(VALIDATOR.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0, "npm install failed in " + VALIDATOR + ":\n"
        + Files.readString(log));
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
  }
}
