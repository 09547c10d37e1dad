package io.perpnet.node.oracle.feed;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A seeded simulated market for the devnet and paper trading: a random walk with jumps, computed
 * as a pure function of the seed, the market and the time step, so oracles on different nodes
 * with the same seed read the same price at the same time and agree without talking.
 *
 * <p>The walk is octave noise: the log return from the start price is the sum, over periods of
 * 1, 2, 4 ... 2,048 steps, of smooth noise with amplitude {@code volatility x sqrt(period)}; a step
 * moves the price by about the volatility, and the price wanders a few percent over half an hour
 * but never drifts away. Every {@code jumpEverySteps} steps a coin decides whether the next
 * stretch of that many steps sits {@code jumpBps} up or down: sudden moves that liquidate
 * leveraged positions. The price is constant within a step. (Double arithmetic, strict and
 * deterministic in Java, drives only the simulation; the result is rounded once to 6 decimals.)
 */
public final class SimulatedFeed implements PriceFeed {
  private static final int OCTAVES = 12;

  /**
   * @param stepMs how long one price lasts
   * @param volatilityBps the typical move of one step
   * @param jumpEverySteps the length of a jump stretch, in steps (0: no jumps)
   * @param jumpBps the size of a jump
   * @param startPrices each market's centre price, 6 decimals, by symbol
   */
  public record Params(long seed, long stepMs, int volatilityBps, long jumpEverySteps, int jumpBps,
      Map<String, Long> startPrices) {
    public static final Map<String, Long> DEVNET_PRICES =
        Map.of("BTC-PERP", 70_000_000_000L, "ETH-PERP", 3_500_000_000L, "SOL-PERP", 150_000_000L);

    public Params {
      startPrices = Map.copyOf(startPrices);
      if (stepMs <= 0 || volatilityBps < 0 || jumpEverySteps < 0 || jumpBps < 0 || jumpBps >= 10_000) {
        throw new IllegalArgumentException("step above zero, volatility and jumps not negative, jumps below 100%");
      }
    }

    /** One-second steps, 5 bps a step, a 2% jump stretch every two minutes, the devnet's prices. */
    public static Params defaults(final long seed) {
      return new Params(seed, 1_000, 5, 120, 200, DEVNET_PRICES);
    }
  }

  private final Params params;
  private final LongSupplier clock;

  public SimulatedFeed(final Params params, final LongSupplier clock) {
    this.params = params;
    this.clock = clock;
  }

  @Override
  public SourcePrice read(final String symbol) throws FeedException {
    final Long start = params.startPrices().get(symbol);
    if (start == null) {
      throw new FeedException(FeedException.Reason.UNKNOWN_SYMBOL, "the simulation has no start price for " + symbol);
    }
    final long now = clock.getAsLong();
    final long step = Math.floorDiv(now, params.stepMs());
    return new SourcePrice(priceAt(symbol, start, step), step * params.stepMs());
  }

  /** The price of {@code step}: a pure function of the seed, the symbol and the step. */
  long priceAt(final String symbol, final long start, final long step) {
    final double vol = params.volatilityBps() / 10_000.0;
    double logReturn = 0;
    for (int k = 0; k < OCTAVES; k++) {
      final long period = 1L << k;
      final long i = Math.floorDiv(step, period);
      final double f = (double) (step - i * period) / period;
      final double smooth = f * f * (3 - 2 * f);
      final double a = noise(symbol, k, i);
      final double b = noise(symbol, k, i + 1);
      logReturn += vol * StrictMath.sqrt(period) * (a + (b - a) * smooth);
    }
    if (params.jumpEverySteps() > 0) {
      final SplittableRandom coin = random(symbol, OCTAVES, Math.floorDiv(step, params.jumpEverySteps()));
      if (coin.nextBoolean()) {
        logReturn += (coin.nextBoolean() ? 1 : -1) * StrictMath.log1p(params.jumpBps() / 10_000.0);
      }
    }
    return Math.max(1, Math.round(start * StrictMath.exp(logReturn)));
  }

  private double noise(final String symbol, final int octave, final long index) {
    return random(symbol, octave, index).nextDouble() * 2 - 1;
  }

  private SplittableRandom random(final String symbol, final int octave, final long index) {
    long h = params.seed() * 0x9E3779B97F4A7C15L + symbol.hashCode();
    h = h * 0xBF58476D1CE4E5B9L + octave;
    h = h * 0x94D049BB133111EBL + index;
    return new SplittableRandom(h);
  }

  @Override
  public String describe() {
    return "simulated(seed=" + params.seed() + ", " + params.volatilityBps() + " bps per " + params.stepMs() + " ms)";
  }
}
