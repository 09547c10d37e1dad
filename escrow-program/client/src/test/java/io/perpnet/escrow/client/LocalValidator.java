package io.perpnet.escrow.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.escrow.rpc.SolanaRpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The devnet validator (devnet/validator) as a real process on 127.0.0.1, with escrow.so deployed
 * through the upgradeable loader; installs its npm packages on first use. Closing it kills it.
 */
final class LocalValidator implements AutoCloseable {
  static final String PROGRAM_ID = "PerpEscrow111111111111111111111111111111111";
  private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
  private static final Path VALIDATOR = ROOT.resolve("devnet/validator");
  static final Path ESCROW_SO = ROOT.resolve("escrow-program/target/deploy/escrow.so");

  private final Process process;
  final SolanaRpc rpc;
  final String programId;

  private LocalValidator(final Process process, final int port, final String programId) {
    this.process = process;
    this.rpc = new SolanaRpc("http://127.0.0.1:" + port);
    this.programId = programId;
  }

  static LocalValidator start() throws Exception {
    return start(PROGRAM_ID);
  }

  /** With escrow.so deployed at {@code programId}. */
  static LocalValidator start(final String programId) throws Exception {
    assertTrue(Files.exists(ESCROW_SO), ESCROW_SO + " is missing: build escrow-program first");
    installPackages();
    final int port = freePort();
    final Path ledger = Files.createTempDirectory("ledger");
    final List<String> command = new ArrayList<>(List.of("node", "src/main.js", "--rpc-port", Integer.toString(port),
        "--ledger", ledger.toString(), "--slot-ms", "50", "--upgradeable-program", programId, ESCROW_SO.toString(), "none"));
    final Process p = new ProcessBuilder(command).directory(VALIDATOR.toFile()).redirectErrorStream(true).start();
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    final StringBuilder output = new StringBuilder();
    final Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          output.append(line).append('\n');
          if (line.startsWith("WebSocket PubSub URL")) {
            ready.complete(null);
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException("validator exited:\n" + output));
    }, "validator-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("the validator did not start:\n" + output, e);
    }
    return new LocalValidator(p, port, programId);
  }

  private static synchronized void installPackages() throws IOException, InterruptedException {
    if (Files.isDirectory(VALIDATOR.resolve("node_modules/litesvm"))) {
      return;
    }
    final Process npm = new ProcessBuilder("bash", "-c",
        "npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error")
        .directory(VALIDATOR.toFile()).inheritIO().start();
    assertTrue(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0, "npm install failed in " + VALIDATOR);
  }

  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket a = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        final int port = a.getLocalPort();
        try (ServerSocket b = new ServerSocket(port + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException taken) {
          // the WebSocket port is busy: try another pair
        }
      }
    }
    throw new IOException("no two consecutive free ports on 127.0.0.1");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
