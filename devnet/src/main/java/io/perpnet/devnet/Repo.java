package io.perpnet.devnet;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout the devnet runs from: the validator's sources, the built escrow.so and the node's
 * launcher jar. {@code ./perp} passes its root as {@code -Dperp.root}; otherwise the nearest
 * directory up from the working directory that holds {@code devnet/validator}.
 */
public record Repo(Path root) {
  public static Repo find() {
    final String given = System.getProperty("perp.root");
    if (given != null) {
      return new Repo(Path.of(given));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("devnet/validator"))) {
        return new Repo(p);
      }
    }
    throw new IllegalStateException("not inside a perpnet checkout (no devnet/validator above "
        + Path.of("").toAbsolutePath() + ")");
  }

  public Path validator() {
    return root.resolve("devnet/validator");
  }

  public Path escrowSo() {
    return root.resolve("escrow-program/target/deploy/escrow.so");
  }

  public Path nodeJar() {
    return root.resolve("node/target/perp.jar");
  }

  public Path agentJar() {
    return root.resolve("sdk/target/perp-agent.jar");
  }
}
