package io.perpnet.devnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A process's CPU time so far and its resident memory (Linux /proc), for the bench's per-node figures. */
record NodeUsage(Duration cpu, long rssBytes) {
  static Optional<NodeUsage> of(final long pid) {
    final Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty()) {
      return Optional.empty();
    }
    final Duration cpu = h.get().info().totalCpuDuration().orElse(Duration.ZERO);
    long rss = 0;
    try {
      for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      rss = -1;
    }
    return Optional.of(new NodeUsage(cpu, rss));
  }
}
