package io.perpnet.devnet.cli;

import io.perpnet.devnet.DevnetDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir} every devnet command takes. */
final class DirOption {
  @Option(names = "--dir", defaultValue = "devnet-data", description = "where the devnet lives (default: ${DEFAULT-VALUE})")
  Path dir;

  DevnetDir get() {
    return new DevnetDir(dir);
  }
}
