package io.perpnet.devnet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@code up}.
 *
 * @param prices where the oracles read prices: {@code simulated} (with the seed), {@code
 *     replay:FILE}, {@code coinbase[:URL]}, {@code hyperliquid[:URL]} (mids) or {@code hyperliquid-mark[:URL]}
 *     (mark prices) (the node's oracle-source
 *     and oracle-source-location settings)
 * @param external a cluster to use instead of starting the local validator
 */
public record UpOptions(int nodes, long seed, int rpcPort, String prices, Optional<External> external) {
  /**
   * A running cluster with the escrow already deployed at {@code programId}, whose faucet funds the
   * devnet's accounts ({@code requestAirdrop}: a local test validator, for instance).
   */
  public record External(String rpcUrl, String wsUrl, String programId) {
    /** Without a PubSub URL, Solana's convention: the RPC port plus one, over ws. */
    public static External of(final String rpcUrl, final String wsUrl, final String programId) {
      if (wsUrl != null) {
        return new External(rpcUrl, wsUrl, programId);
      }
      final java.net.URI u = java.net.URI.create(rpcUrl);
      final int port = u.getPort() < 0 ? (u.getScheme().equals("https") ? 443 : 80) : u.getPort();
      return new External(rpcUrl, (u.getScheme().equals("https") ? "wss" : "ws") + "://" + u.getHost() + ":"
          + (port + 1) + (u.getRawPath() == null ? "" : u.getRawPath()), programId);
    }
  }

  public UpOptions(final int nodes, final long seed, final int rpcPort, final String prices) {
    this(nodes, seed, rpcPort, prices, Optional.empty());
  }

  public UpOptions(final int nodes, final long seed, final int rpcPort) {
    this(nodes, seed, rpcPort, "simulated");
  }

  /** The oracles' settings for {@link #prices}, as TOML. */
  public Map<String, String> oracleSettings() {
    final int colon = prices.indexOf(':');
    final String source = colon < 0 ? prices : prices.substring(0, colon);
    if (!List.of("simulated", "replay", "coinbase", "hyperliquid", "hyperliquid-mark").contains(source)) {
      throw new IllegalArgumentException("--prices is simulated, replay:FILE, coinbase[:URL], hyperliquid[:URL] or"
          + " hyperliquid-mark[:URL], not " + prices);
    }
    String where = colon < 0 ? "" : prices.substring(colon + 1);
    if (source.equals("replay")) {
      if (where.isEmpty()) {
        throw new IllegalArgumentException("--prices replay needs its file: replay:FILE");
      }
      where = Path.of(where).toAbsolutePath().toString();
    }
    return Map.of("oracle-source", "\"" + source + "\"", "oracle-source-location",
        "\"" + where.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
  }
}
