package io.perpnet.sdk.agents;

import io.perpnet.sdk.model.Intent;
import io.perpnet.sdk.strategy.MakerStrategy;
import io.perpnet.sdk.strategy.MarketView;
import io.perpnet.sdk.strategy.QuoteDecision;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * The seeds' spread market maker, in one class with its parameters ({@link MakerParams}): it quotes
 * the intents of its markets at the reference price plus (trader buys) or minus (trader sells)
 * half its spread, shifted against its inventory by up to {@code skewBps}; it quotes at most
 * {@code maxNotional} (a smaller size than asked when the intent's minimum fill allows: a partial
 * fill), never beyond the intent's limit price or {@code maxDeviationBps} from the reference, and
 * stops adding to an inventory of {@code maxInventoryNotional}. Its leverage is at most half the
 * market's maximum: the program wants the initial margin plus any loss at the oracle price when
 * the position opens, and the oracle may move between the quote and the open.
 */
public class SpreadMaker implements MakerStrategy {
  private final MakerParams p;
  private final ReferencePrice reference;

  public SpreadMaker(final MakerParams params, final ReferencePrice reference) {
    this.p = params;
    this.reference = reference;
  }

  /** Seed 000's conservative maker: 1.6% wide (80 bps a side), 20x, about $5k, BTC and ETH only. */
  public static SpreadMaker conservative() {
    return new SpreadMaker(MakerParams.conservative(), ReferencePrice.ORACLE);
  }

  /** Seed 000's aggressive maker: 0.3% wide, 25x (half the market's 50x), about $50k, every market, skewed by inventory. */
  public static SpreadMaker aggressive() {
    return new SpreadMaker(MakerParams.aggressive(), ReferencePrice.ORACLE);
  }

  public MakerParams params() {
    return p;
  }

  @Override
  public String name() {
    return p.name();
  }

  @Override
  public QuoteDecision onIntent(final Intent intent, final MarketView view) {
    final Set<String> markets = p.markets();
    if (!markets.isEmpty() && !markets.contains(intent.market())) {
      return QuoteDecision.pass("not one of our markets " + markets);
    }
    final Optional<BigDecimal> ref = reference.price(intent.market(), view);
    if (ref.isEmpty() || ref.get().signum() <= 0) {
      return QuoteDecision.pass("no fresh reference price");
    }
    final boolean traderLong = "long".equals(intent.side());
    final BigDecimal inventoryNotional = view.inventory().multiply(ref.get());
    final boolean adds = traderLong ? view.inventory().signum() <= 0 : view.inventory().signum() >= 0; // we take the other side
    if (adds && inventoryNotional.abs().compareTo(p.maxInventoryNotional()) >= 0) {
      return QuoteDecision.pass("inventory " + inventoryNotional.toPlainString() + " USDC is at our limit");
    }
    final BigDecimal skew = skewBps(inventoryNotional);
    final BigDecimal price = Pricing.quote(ref.get(), traderLong, BigDecimal.valueOf(p.spreadBps()).divide(
        BigDecimal.TWO), skew);
    if (Pricing.distanceBps(price, ref.get()).compareTo(BigDecimal.valueOf(p.maxDeviationBps())) > 0) {
      return QuoteDecision.pass("the skewed price " + price + " is beyond " + p.maxDeviationBps() + " bps");
    }
    if (traderLong ? price.compareTo(intent.limitPrice()) > 0 : price.compareTo(intent.limitPrice()) < 0) {
      return QuoteDecision.pass("our " + price.toPlainString() + " is outside its limit "
          + intent.limitPrice().toPlainString());
    }
    final BigDecimal most = Pricing.size(p.maxNotional(), price, view.market().baseDecimals());
    final BigDecimal size = intent.size().min(most);
    if (size.signum() <= 0 || size.compareTo(intent.minFill()) < 0) {
      return QuoteDecision.pass("its minimum fill " + intent.minFill() + " is above our " + most);
    }
    final int leverage = Math.max(1, Math.min(p.maxLeverage(), view.market().maxLeverage() / 2));
    return QuoteDecision.offer(price, (traderLong ? "ask " : "bid ") + ref.get().toPlainString() + " "
        + (traderLong ? "+" : "-") + p.spreadBps() / 2.0 + " bps" + (skew.signum() == 0 ? "" : ", skew " + skew
        + " bps for inventory " + view.inventory().toPlainString()))
        .withSize(size.compareTo(intent.size()) == 0 ? null : size).withLeverage(leverage)
        .withFundingPpm(p.fundingPpm()).withLifetimeMs(p.quoteLifetimeMs());
  }

  /** Against the inventory, proportionally, up to {@code skewBps} at {@code maxInventoryNotional}. */
  BigDecimal skewBps(final BigDecimal inventoryNotional) {
    if (p.skewBps() == 0 || inventoryNotional.signum() == 0) {
      return BigDecimal.ZERO;
    }
    final BigDecimal ratio = inventoryNotional.divide(p.maxInventoryNotional(), 6, java.math.RoundingMode.HALF_EVEN)
        .max(BigDecimal.ONE.negate()).min(BigDecimal.ONE);
    return ratio.multiply(BigDecimal.valueOf(p.skewBps())).negate().setScale(2, java.math.RoundingMode.HALF_EVEN);
  }
}
