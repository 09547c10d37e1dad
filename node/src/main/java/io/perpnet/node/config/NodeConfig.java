package io.perpnet.node.config;

import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.commitment.Role;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node's settings, resolved and checked ({@link ConfigLoader}): immutable, one per node.
 *
 * @param programId the escrow program's address, 32 bytes
 * @param usdcMint the collateral mint's address, 32 bytes
 * @param makerSpreadBps how far from the oracle price a maker quotes
 * @param priorityFee compute-unit price in micro-lamports (0: none)
 * @param metrics where the Prometheus endpoint listens, if anywhere
 */
public record NodeConfig(Path keyFile, Path dataDir, List<Multiaddr> listen, List<Multiaddr> bootstrap, URI rpcUrl,
    URI wsUrl, byte[] programId, byte[] usdcMint, List<String> markets, Set<Role> roles, AgentLimits limits,
    int makerSpreadBps, long priorityFee, LogFormat logFormat, Optional<InetSocketAddress> metrics) {

  /** How log lines are written. */
  public enum LogFormat { TEXT, JSON }

  public NodeConfig {
    listen = List.copyOf(listen);
    bootstrap = List.copyOf(bootstrap);
    markets = List.copyOf(markets);
    roles = Set.copyOf(roles);
    programId = programId.clone();
    usdcMint = usdcMint.clone();
  }
}
