package io.perpnet.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What {@code devnet up} started, saved as {@code devnet.json} (written whole to a temporary file
 * and moved into place, so a reader never sees half of it).
 *
 * @param validator the validator process
 * @param nodes every node, in start order
 */
public record DevnetState(String rpcUrl, String wsUrl, String programId, String usdcMint, String admin,
    Proc validator, List<NodeEntry> nodes) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A process we started: its id and start time (so a reused id is never mistaken for ours) and its log. */
  public record Proc(long pid, long startedAtMs, String log) {}

  /** One node of the devnet, and the example agent that drives it (null: none). */
  public record NodeEntry(String name, List<String> roles, String address, String peerId, String listen,
      String apiUrl, String tokenFile, Proc process, String agent, Proc agentProcess) {}

  public DevnetState {
    nodes = List.copyOf(nodes);
  }

  public static DevnetState load(final Path file) throws IOException {
    return JSON.readValue(file.toFile(), DevnetState.class);
  }

  public void save(final Path file) throws IOException {
    Files.createDirectories(file.getParent());
    final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public DevnetState withNodes(final List<NodeEntry> n) {
    return new DevnetState(rpcUrl, wsUrl, programId, usdcMint, admin, validator, n);
  }
}
