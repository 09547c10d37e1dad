package io.perpnet.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The body of {@code POST /v1/intents}. Build it with {@link #buy} or {@link #sell} and the named
 * setters; what is not set is left to the node's defaults (leverage: the agent's maximum or 10,
 * slippage 50 bps, lifetime 5 s, quote window 200 ms). Amounts are exact decimals in human units.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntentRequest(String market, String side, BigDecimal size, BigDecimal notionalUsdc, Integer leverage,
    BigDecimal limitPrice, Integer slippageBps, Integer maxFundingPpm, Long lifetimeMs, Long quoteWindowMs,
    BigDecimal minFill, Boolean firstAcceptable, String clientId, String reason, Boolean confirm) {

  public IntentRequest {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(side, "side");
  }

  public static Builder buy(final String market) {
    return new Builder(market, "long");
  }

  public static Builder sell(final String market) {
    return new Builder(market, "short");
  }

  /** Named settings; {@link #build()} checks that a size or a notional is given, not both. */
  public static final class Builder {
    private final String market;
    private final String side;
    private BigDecimal size;
    private BigDecimal notionalUsdc;
    private Integer leverage;
    private BigDecimal limitPrice;
    private Integer slippageBps;
    private Integer maxFundingPpm;
    private Long lifetimeMs;
    private Long quoteWindowMs;
    private BigDecimal minFill;
    private Boolean firstAcceptable;
    private String clientId;
    private String reason;
    private Boolean confirm;

    private Builder(final String market, final String side) {
      this.market = market;
      this.side = side;
    }

    /** Base units as a decimal, e.g. "0.015" (BTC). */
    public Builder size(final String v) {
      size = new BigDecimal(v);
      return this;
    }

    public Builder size(final BigDecimal v) {
      size = v;
      return this;
    }

    /** USDC at the oracle price instead of a size (the node rounds the size down). */
    public Builder notional(final String usdc) {
      notionalUsdc = new BigDecimal(usdc);
      return this;
    }

    public Builder leverage(final int v) {
      leverage = v;
      return this;
    }

    public Builder limitPrice(final String v) {
      limitPrice = new BigDecimal(v);
      return this;
    }

    public Builder slippageBps(final int v) {
      slippageBps = v;
      return this;
    }

    public Builder maxFundingPpm(final int v) {
      maxFundingPpm = v;
      return this;
    }

    public Builder lifetimeMs(final long v) {
      lifetimeMs = v;
      return this;
    }

    public Builder quoteWindowMs(final long v) {
      quoteWindowMs = v;
      return this;
    }

    public Builder minFill(final String v) {
      minFill = new BigDecimal(v);
      return this;
    }

    /** Take the first acceptable quote instead of the best one of the window. */
    public Builder firstAcceptable() {
      firstAcceptable = true;
      return this;
    }

    /** The agent's own id: placing the same id again answers the first intent (safe retries). */
    public Builder clientId(final String v) {
      clientId = v;
      return this;
    }

    public Builder reason(final String v) {
      reason = v;
      return this;
    }

    /** Send an intent far above the agent's usual size (the node otherwise asks for this). */
    public Builder confirm() {
      confirm = true;
      return this;
    }

    public IntentRequest build() {
      if ((size == null) == (notionalUsdc == null)) {
        throw new IllegalArgumentException("give a size or a notional, not both and not neither");
      }
      return new IntentRequest(market, side, size, notionalUsdc, leverage, limitPrice, slippageBps, maxFundingPpm,
          lifetimeMs, quoteWindowMs, minFill, firstAcceptable, clientId, reason, confirm);
    }
  }
}
