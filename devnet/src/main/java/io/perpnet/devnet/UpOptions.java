package io.perpnet.devnet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code up}.
 *
 * @param prices where the oracles read prices: {@code simulated} (with the seed), {@code
 *     replay:FILE}, {@code coinbase[:URL]} or {@code hyperliquid[:URL]} (the node's oracle-source
 *     and oracle-source-location settings)
 */
public record UpOptions(int nodes, long seed, int rpcPort, String prices) {
  public UpOptions(final int nodes, final long seed, final int rpcPort) {
    this(nodes, seed, rpcPort, "simulated");
  }

  /** The oracles' settings for {@link #prices}, as TOML. */
  public Map<String, String> oracleSettings() {
    final int colon = prices.indexOf(':');
    final String source = colon < 0 ? prices : prices.substring(0, colon);
    if (!List.of("simulated", "replay", "coinbase", "hyperliquid").contains(source)) {
      throw new IllegalArgumentException("--prices is simulated, replay:FILE, coinbase[:URL] or hyperliquid[:URL], not "
          + prices);
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
