package io.perpnet.node.oracle.feed;

import io.perpnet.node.config.RoleConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/** The feed an oracle's settings name. */
public final class Feeds {
  private Feeds() {}

  public static PriceFeed open(final RoleConfig.Oracle o, final LongSupplier clock) throws IOException {
    final Duration timeout = Duration.ofMillis(o.sourceTimeoutMs());
    return switch (o.source()) {
      case SIMULATED -> new SimulatedFeed(new SimulatedFeed.Params(o.simSeed(), 1_000, o.simVolatilityBps(),
          o.simJumpEverySteps(), o.simJumpBps(), o.simStartPrices()), clock);
      case REPLAY -> ReplayFeed.load(Path.of(o.location()), clock);
      case COINBASE -> new CoinbaseFeed(base(o, CoinbaseFeed.DEFAULT_BASE), timeout, clock);
      case HYPERLIQUID -> new HyperliquidFeed(base(o, HyperliquidFeed.DEFAULT_BASE), timeout, clock);
      case HYPERLIQUID_MARK -> new HyperliquidFeed(base(o, HyperliquidFeed.DEFAULT_BASE), timeout, clock,
          HyperliquidFeed.Price.MARK);
    };
  }

  private static URI base(final RoleConfig.Oracle o, final URI fallback) {
    return o.location().isEmpty() ? fallback : URI.create(o.location());
  }
}
