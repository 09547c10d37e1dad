package io.perpnet.devnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which nodes a devnet of {@code n} runs, and with what. The smallest (6, the default) shows
 * every role: three oracles (threshold 2; the first also a keeper, the second also a
 * liquidator), two maker nodes driven by the SDK's example makers (the conservative one quotes
 * 80 bps from the oracle, inside the markets' 1% price band, 20x at most; the aggressive one
 * 15 bps, skewed by its inventory, 25x) and a trader; each further node is another trader.
 *
 * @param settings node settings beyond the common ones, as TOML values
 */
public record Plan(List<NodePlan> nodes) {
  public static final int MINIMUM = 6;

  /**
   * One node: its name, roles, how much USDC it gets and deposits, its own settings, and the SDK's
   * example agent that drives it ({@code perp agent run AGENT}; empty: none).
   */
  public record NodePlan(String name, List<String> roles, long mintedUsdc, long depositUsdc,
      Map<String, String> settings, String agent) {
    public boolean oracle() {
      return roles.contains("oracle");
    }
  }

  public static Plan of(final int n) {
    if (n < MINIMUM) {
      throw new IllegalArgumentException("a devnet has at least " + MINIMUM
          + " nodes: three oracles, two makers and a trader");
    }
    final List<NodePlan> out = new ArrayList<>();
    out.add(new NodePlan("oracle-1", List.of("oracle", "keeper"), 0, 0, Map.of(), ""));
    out.add(new NodePlan("oracle-2", List.of("oracle", "liquidator"), 0, 0, Map.of(), ""));
    out.add(new NodePlan("oracle-3", List.of("oracle"), 0, 0, Map.of(), ""));
    out.add(new NodePlan("maker-conservative", List.of("maker"), 2_000_000, 1_000_000,
        Map.of("maker-quotes", "\"agent\"", "max-leverage", "20", "max-position-notional", "\"100000\"",
            "max-open-positions", "10000"), "conservative-maker"));
    out.add(new NodePlan("maker-aggressive", List.of("maker"), 2_000_000, 1_000_000,
        Map.of("maker-quotes", "\"agent\"", "max-leverage", "50", "max-position-notional", "\"500000\"",
            "max-open-positions", "10000"), "aggressive-maker"));
    for (int i = 1; i <= n - 5; i++) {
      out.add(new NodePlan("trader-" + i, List.of("trader"), 200_000, 100_000, Map.of("max-leverage", "50",
          "max-open-positions", "10000", "max-position-notional", "\"100000\"", "max-market-exposure",
          "\"1000000\""), ""));
    }
    return new Plan(List.copyOf(out));
  }

  /** This plan with {@code settings} added to every oracle's. */
  public Plan withOracleSettings(final Map<String, String> settings) {
    return new Plan(nodes.stream().map(n -> {
      if (!n.oracle()) {
        return n;
      }
      final Map<String, String> all = new java.util.HashMap<>(n.settings());
      all.putAll(settings);
      return new NodePlan(n.name(), n.roles(), n.mintedUsdc(), n.depositUsdc(), Map.copyOf(all), n.agent());
    }).toList());
  }

  public List<NodePlan> oracles() {
    return nodes.stream().filter(NodePlan::oracle).toList();
  }
}
