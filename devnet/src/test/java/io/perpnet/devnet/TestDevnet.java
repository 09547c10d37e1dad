package io.perpnet.devnet;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.perpnet.devnet.net.Readiness;
import io.perpnet.devnet.proc.Processes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A devnet up for one test, every node answering; closing takes it down and checks no process is left. */
final class TestDevnet implements AutoCloseable {
  final DevnetState state;
  private final Devnet devnet;
  private final List<DevnetState.Proc> started = new ArrayList<>();

  TestDevnet(final Path dir, final UpOptions options) throws Exception {
    devnet = new Devnet(Repo.find(), new DevnetDir(dir), new PrintWriter(new StringWriter(), true));
    try {
      state = devnet.up(options);
      started.add(state.validator());
      state.nodes().forEach(n -> {
        started.add(n.process());
        if (n.agentProcess() != null) {
          started.add(n.agentProcess());
        }
      });
      Readiness.await(state);
    } catch (Exception | AssertionError e) {
      devnet.down(true);
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    devnet.down(true);
    for (final DevnetState.Proc p : started) {
      assertFalse(Processes.alive(p), "nothing left running: " + p);
    }
  }
}
