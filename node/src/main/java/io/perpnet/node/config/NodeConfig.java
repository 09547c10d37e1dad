package io.perpnet.node.config;

import io.perpnet.consensus.commitment.AgentLimits;
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
 * @param agentQuotes a maker node quotes only what its agent sends ({@code POST /v1/quotes}), never by itself
 * @param priorityFee compute-unit price in micro-lamports (0: none)
 * @param metrics where the Prometheus endpoint listens, if anywhere
 * @param api the agent API's settings
 * @param roleConfig the oracle's, liquidator's and keeper's settings
 * @param risk the circuit breakers' settings
 */
public record NodeConfig(Path keyFile, Path dataDir, List<Multiaddr> listen, List<Multiaddr> bootstrap, URI rpcUrl,
    URI wsUrl, byte[] programId, byte[] usdcMint, List<String> markets, Set<NodeRole> roles, AgentLimits limits,
    int makerSpreadBps, boolean agentQuotes, long priorityFee, LogFormat logFormat, Optional<InetSocketAddress> metrics, ApiConfig api,
    RoleConfig roleConfig, RiskConfig risk) {

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

  /** The roles that sign matches (trader, maker), as the commitment rules name them. */
  public Set<io.perpnet.consensus.commitment.Role> signingRoles() {
    return NodeRole.signing(roles);
  }

  public boolean has(final NodeRole role) {
    return roles.contains(role);
  }

  /**
   * A config for a node built in code (tests, the devnet): the file's defaults, on 127.0.0.1 at
   * free ports, no metrics endpoint and no API unless set.
   */
  public static Builder builder(final Path dataDir, final URI rpcUrl, final URI wsUrl, final byte[] programId,
      final byte[] usdcMint) {
    return new Builder(dataDir, rpcUrl, wsUrl, programId, usdcMint);
  }

  /** Named settings with the defaults of {@link Settings}. */
  public static final class Builder {
    private final Path dataDir;
    private final URI rpcUrl;
    private final URI wsUrl;
    private final byte[] programId;
    private final byte[] usdcMint;
    private List<Multiaddr> listen = List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"));
    private List<Multiaddr> bootstrap = List.of();
    private List<String> markets = List.of();
    private Set<NodeRole> roles = Set.of(NodeRole.TRADER);
    private AgentLimits limits = new AgentLimits(10, 10_000_000_000L, 10);
    private int makerSpreadBps = 10;
    private boolean agentQuotes;
    private long priorityFee;
    private Optional<InetSocketAddress> metrics = Optional.empty();
    private ApiConfig api = ApiConfig.none();
    private RoleConfig roleConfig = RoleConfig.defaults();
    private RiskConfig risk = RiskConfig.defaults();

    private Builder(final Path dataDir, final URI rpcUrl, final URI wsUrl, final byte[] programId,
        final byte[] usdcMint) {
      this.dataDir = dataDir;
      this.rpcUrl = rpcUrl;
      this.wsUrl = wsUrl;
      this.programId = programId;
      this.usdcMint = usdcMint;
    }

    public Builder listen(final List<Multiaddr> v) {
      listen = v;
      return this;
    }

    public Builder bootstrap(final List<Multiaddr> v) {
      bootstrap = v;
      return this;
    }

    public Builder markets(final List<String> v) {
      markets = v;
      return this;
    }

    public Builder roles(final Set<NodeRole> v) {
      roles = v;
      return this;
    }

    public Builder limits(final AgentLimits v) {
      limits = v;
      return this;
    }

    public Builder makerSpreadBps(final int v) {
      makerSpreadBps = v;
      return this;
    }

    public Builder agentQuotes(final boolean v) {
      agentQuotes = v;
      return this;
    }

    public Builder priorityFee(final long v) {
      priorityFee = v;
      return this;
    }

    public Builder metrics(final Optional<InetSocketAddress> v) {
      metrics = v;
      return this;
    }

    public Builder api(final ApiConfig v) {
      api = v;
      return this;
    }

    public Builder roleConfig(final RoleConfig v) {
      roleConfig = v;
      return this;
    }

    public Builder risk(final RiskConfig v) {
      risk = v;
      return this;
    }

    public NodeConfig build() {
      return new NodeConfig(dataDir.resolve("key.json"), dataDir, listen, bootstrap, rpcUrl, wsUrl, programId, usdcMint,
          markets, roles, limits, makerSpreadBps, agentQuotes, priorityFee, LogFormat.TEXT, metrics, api,
          roleConfig, risk);
    }
  }
}
