package io.perpnet.consensus.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process that tests drive line by line: its standard output is collected as numbered
 * lines, and every wait names the first line index it may return ({@link #mark()} before the action
 * whose answer is awaited), so an answer printed before the wait began is never mistaken for the
 * new one. A wait fails at once, with the last lines printed, when the process ends first.
 * Shared by every module's tests that run real processes (js-libp2p peers, {@code perp}, the
 * validator).
 */
public final class ChildProcess implements AutoCloseable {
  /** How long a wait lasts unless told otherwise. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
  private static final int LAST_LINES = 30;

  private final String name;
  private final Process process;
  private final Writer stdin;
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private ChildProcess(final String name, final Process process) {
    this.name = name;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    final Thread reader = new Thread(this::read, name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command}; its standard error goes to ours. */
  public static ChildProcess start(final String name, final List<String> command) {
    return start(name, command, null, false);
  }

  /**
   * Starts {@code command} in {@code directory} (null: ours); with {@code mergeErrors} its standard
   * error is collected among the lines, otherwise it goes to ours.
   */
  public static ChildProcess start(final String name, final List<String> command, final Path directory,
      final boolean mergeErrors) {
    final ProcessBuilder builder = new ProcessBuilder(command);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    if (mergeErrors) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    try {
      return new ChildProcess(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + command, e);
    }
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the stream closed with the process
    } finally {
      synchronized (lines) {
        ended = true;
        lines.notifyAll();
      }
    }
  }

  /** The number of lines printed so far: the index of the next line. */
  public int mark() {
    synchronized (lines) {
      return lines.size();
    }
  }

  /** A copy of every line printed so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The first line since the start that matches, waiting up to {@link #DEFAULT_WAIT}. */
  public String awaitLine(final Predicate<String> match) {
    return awaitLine(0, match, DEFAULT_WAIT);
  }

  /** The first line at index {@code from} or later that matches, waiting up to {@link #DEFAULT_WAIT}. */
  public String awaitLine(final int from, final Predicate<String> match) {
    return awaitLine(from, match, DEFAULT_WAIT);
  }

  /**
   * The first line at index {@code from} or later that matches. Fails when none has come within
   * {@code timeout}, or at once when the process's output ends without one.
   */
  public String awaitLine(final int from, final Predicate<String> match, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      int next = from;
      while (true) {
        for (; next < lines.size(); next++) {
          if (match.test(lines.get(next))) {
            return lines.get(next);
          }
        }
        if (ended) {
          throw new AssertionError(name + " ended (" + exitStatus() + ") before the awaited line; " + tail());
        }
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(name + " printed no awaited line within " + timeout + "; " + tail());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lines, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for " + name, e);
        }
      }
    }
  }

  private String exitStatus() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "output closed, still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private String tail() {
    final List<String> last = lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size());
    return "its last lines:\n  " + String.join("\n  ", last);
  }

  /** Writes one line to the process's standard input. */
  public void send(final String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(name + " no longer reads its input (" + exitStatus() + ")", e);
    }
  }

  /** Ends the process's standard input. */
  public void closeInput() {
    try {
      stdin.close();
    } catch (IOException e) {
      // it already stopped reading
    }
  }

  /** Waits up to {@code timeout} for the process to exit by itself; its exit code, or -1 if it still runs. */
  public int awaitExit(final Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Ends the input and waits for the process; then SIGTERM, then SIGKILL, each with a bounded wait. */
  public void stop(final Duration grace) {
    closeInput();
    if (awaitExit(grace) >= 0) {
      return;
    }
    process.destroy();
    if (awaitExit(grace) >= 0) {
      return;
    }
    process.destroyForcibly();
    awaitExit(grace);
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
