package io.perpnet.devnet;

import java.nio.file.Path;

/**
 * Where a devnet keeps everything, under one directory (default {@code devnet-data}):
 *
 * <pre>
 * devnet.json              the state: URLs, program, mint, every process with its id (DevnetState)
 * keys/admin.json          the escrow's admin and upgrade authority (Solana CLI key files)
 * keys/NAME.json           each node's agent key
 * validator/ledger/        the validator's saved state (reloaded by up)
 * validator/validator.log  its output
 * nodes/NAME/node.toml     each node's settings
 * nodes/NAME/data/         its RocksDB store and API tokens (data/api/token-full)
 * nodes/NAME/node.log      its output
 * </pre>
 */
public record DevnetDir(Path root) {
  public DevnetDir {
    root = root.toAbsolutePath().normalize();
  }

  public Path state() {
    return root.resolve("devnet.json");
  }

  public Path key(final String name) {
    return root.resolve("keys").resolve(name + ".json");
  }

  public Path ledger() {
    return root.resolve("validator/ledger");
  }

  public Path validatorLog() {
    return root.resolve("validator/validator.log");
  }

  public Path node(final String name) {
    return root.resolve("nodes").resolve(name);
  }

  public Path nodeConfig(final String name) {
    return node(name).resolve("node.toml");
  }

  public Path nodeData(final String name) {
    return node(name).resolve("data");
  }

  public Path nodeLog(final String name) {
    return node(name).resolve("node.log");
  }

  /** The node's full-scope API token file. */
  public Path tokenFile(final String name) {
    return nodeData(name).resolve("api/token-full");
  }
}
