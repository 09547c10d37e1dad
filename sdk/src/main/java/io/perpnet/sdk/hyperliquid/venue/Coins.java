package io.perpnet.sdk.hyperliquid.venue;

/** Our market names to Hyperliquid's coins: {@code BTC-PERP} is {@code BTC}. */
public final class Coins {
  private Coins() {}

  public static String coinOf(final String market) {
    return market.endsWith("-PERP") ? market.substring(0, market.length() - "-PERP".length()) : market;
  }
}
