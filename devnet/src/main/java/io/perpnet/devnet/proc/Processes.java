package io.perpnet.devnet.proc;

import io.perpnet.devnet.DevnetState;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The devnet's processes: started in a session of their own ({@code setsid}), so they outlive
 * the command that started them and a Ctrl-C in its terminal does not reach them; output and
 * errors appended to a log file; known afterwards by id and start time, so a process id the
 * system reused is never taken for ours.
 */
public final class Processes {
  private Processes() {}

  public static DevnetState.Proc start(final List<String> command, final Path workDir, final Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    final List<String> argv = new ArrayList<>(List.of("setsid"));
    argv.addAll(command);
    final Process p = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    final long started = p.toHandle().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    return new DevnetState.Proc(p.pid(), started, log.toString());
  }

  /** The process, if it is still the one we started. */
  public static Optional<ProcessHandle> find(final DevnetState.Proc proc) {
    return ProcessHandle.of(proc.pid()).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
        .map(i -> Math.abs(i.toEpochMilli() - proc.startedAtMs()) < 2_000).orElse(true));
  }

  public static boolean alive(final DevnetState.Proc proc) {
    return find(proc).isPresent();
  }

  /** SIGTERM, then SIGKILL if it has not ended within {@code grace}; true if it was running. */
  public static boolean stop(final DevnetState.Proc proc, final Duration grace) {
    final Optional<ProcessHandle> h = find(proc);
    if (h.isEmpty()) {
      return false;
    }
    h.get().destroy();
    try {
      h.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      h.get().destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      h.get().destroyForcibly();
    }
    return true;
  }

  /**
   * Waits until the log gets a line starting with {@code prefix} after byte {@code from}, and
   * returns the rest of that line. Fails at once if the process ends first, with the log's tail.
   */
  public static String awaitLine(final DevnetState.Proc proc, final long from, final String prefix,
      final Duration timeout) throws IOException, InterruptedException {
    final Path log = Path.of(proc.log());
    final long deadline = System.nanoTime() + timeout.toNanos();
    long offset = from;
    final StringBuilder partial = new StringBuilder();
    while (true) {
      if (Files.exists(log)) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
          f.seek(offset);
          final byte[] chunk = new byte[(int) Math.min(1 << 20, Math.max(0, f.length() - offset))];
          f.readFully(chunk);
          offset += chunk.length;
          partial.append(new String(chunk, StandardCharsets.UTF_8));
        }
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          final String line = partial.substring(0, nl);
          partial.delete(0, nl + 1);
          if (line.startsWith(prefix)) {
            return line.substring(prefix.length());
          }
        }
      }
      if (!alive(proc)) {
        throw new IOException("the process " + proc.pid() + " ended before printing '" + prefix + "'; the end of "
            + log + ":\n" + tail(log, 20));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("no '" + prefix + "' in " + log + " within " + timeout.toSeconds() + " s; its end:\n"
            + tail(log, 20));
      }
      Thread.sleep(50); // polling a log file that another process writes
    }
  }

  public static long size(final Path log) throws IOException {
    return Files.exists(log) ? Files.size(log) : 0;
  }

  static String tail(final Path log, final int lines) throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    final List<String> all = Files.readAllLines(log);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
