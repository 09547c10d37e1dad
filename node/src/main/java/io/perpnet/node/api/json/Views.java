package io.perpnet.node.api.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.node.chain.OpenPosition;
import java.util.Locale;
import java.util.Map;

/**
 * The API's JSON for the node's objects. Amounts and prices are decimal strings in human units:
 * sizes at the market's base decimals, prices and USDC at 6; ids are hex SHA-256 of the signed
 * bytes; keys are base58 addresses; times are Unix milliseconds.
 */
public final class Views {
  public static final int USDC_DECIMALS = 6;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Views() {}

  public static String side(final Side s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  public static String usdc(final long units) {
    return Decimals.fromUnits(units, USDC_DECIMALS);
  }

  public static ObjectNode market(final MarketParams m) {
    return F.objectNode().put("id", m.id()).put("symbol", m.symbol()).put("baseDecimals", m.baseDecimals())
        .put("maxLeverage", m.maxLeverage());
  }

  public static ObjectNode market(final MarketParams m, final EscrowAccounts.Market onChain) {
    final var c = onChain.config();
    return market(m).put("paused", onChain.paused()).put("initialMarginBps", c.initialMarginBps())
        .put("maintenanceMarginBps", c.maintenanceMarginBps()).put("takerFeeBps", c.takerFeeBps())
        .put("makerFeeBps", c.makerFeeBps()).put("liquidationFeeBps", c.liquidationFeeBps())
        .put("fundingCapPpm", c.fundingCapPpm()).put("maxStalenessMs", c.maxStalenessMs());
  }

  public static ObjectNode price(final MarketParams m, final EscrowAccounts.Market onChain, final long nowMs) {
    final ObjectNode o = F.objectNode().put("market", m.symbol());
    if (onChain.price() > 0) {
      o.put("price", usdc(onChain.price())).put("publishTimeMs", onChain.priceTimeMs())
          .put("ageMs", Math.max(0, nowMs - onChain.priceTimeMs()))
          .put("stale", nowMs - onChain.priceTimeMs() > onChain.config().maxStalenessMs());
    } else {
      o.putNull("price").put("stale", true);
    }
    return o;
  }

  public static ObjectNode intent(final Signed<Intent> signed, final MarketParams m) {
    final Intent i = signed.payload();
    return F.objectNode().put("id", signed.hash().toHex()).put("market", m.symbol()).put("side", side(i.side()))
        .put("size", Decimals.fromUnits(i.size(), m.baseDecimals())).put("limitPrice", usdc(i.limitPrice()))
        .put("minFill", Decimals.fromUnits(i.minFill(), m.baseDecimals())).put("maxFundingPpm", i.maxFundingPpm())
        .put("leverage", i.leverage()).put("expiryMs", i.header().expiryMs()).put("nonce", i.header().nonce())
        .put("trader", i.trader().toAddress());
  }

  public static ObjectNode quote(final Signed<Quote> signed, final MarketParams m) {
    final Quote q = signed.payload();
    return F.objectNode().put("id", signed.hash().toHex()).put("intentId", q.intentHash().toHex())
        .put("market", m.symbol()).put("maker", q.maker().toAddress()).put("price", usdc(q.price()))
        .put("size", Decimals.fromUnits(q.size(), m.baseDecimals())).put("fundingPpm", q.fundingPpm())
        .put("makerLeverage", q.makerLeverage()).put("expiryMs", q.header().expiryMs());
  }

  public static ObjectNode match(final Signed<MatchTerms> signed, final MarketParams m) {
    final MatchTerms t = signed.payload();
    return F.objectNode().put("id", signed.hash().toHex()).put("market", m.symbol()).put("side", side(t.side()))
        .put("trader", t.trader().toAddress()).put("maker", t.maker().toAddress())
        .put("intentId", t.intentHash().toHex()).put("quoteId", t.quoteHash().toHex())
        .put("price", usdc(t.price())).put("size", Decimals.fromUnits(t.size(), m.baseDecimals()))
        .put("traderMargin", usdc(t.traderMargin())).put("makerMargin", usdc(t.makerMargin()))
        .put("fundingPpm", t.fundingPpm()).put("leverage", t.leverage()).put("expiryMs", t.header().expiryMs());
  }

  /** A position from our side; {@code address} is its on-chain account. */
  public static ObjectNode position(final OpenPosition p, final MarketParams m, final String address) {
    return F.objectNode().put("id", p.matchId().toHex()).put("address", address).put("market", m.symbol())
        .put("side", side(p.side())).put("role", p.weAreMaker() ? "maker" : "trader")
        .put("size", Decimals.fromUnits(p.size(), m.baseDecimals())).put("entryPrice", usdc(p.entryPrice()))
        .put("margin", usdc(p.margin())).put("fundingPpm", p.fundingPpm())
        .put("counterparty", p.counterparty().toAddress()).put("openedMs", p.openedMs()).put("status", "open");
  }

  /** A liquidation our liquidator landed. */
  public static ObjectNode liquidation(final io.perpnet.node.liquidator.LiquidationRecord r, final MarketParams m) {
    return F.objectNode().put("matchId", io.perpnet.consensus.codec.Bytes32.wrap(r.matchId()).toHex())
        .put("position", io.perpnet.consensus.identity.Base58.encode(r.position())).put("market", m.symbol())
        .put("down", r.downSide()).put("size", Decimals.fromUnits(r.size(), m.baseDecimals()))
        .put("mark", usdc(r.mark())).put("reward", usdc(r.reward())).put("atMs", r.atMs());
  }

  /**
   * A fill: {@code kind} (open, close_at_mark, close_mutual, liquidated), {@code role} (trader or
   * maker), {@code side} (ours), size, price, and in USDC {@code fee} (we paid), {@code funding}
   * (to us; negative: from us), {@code pnl}, {@code margin} (ours at open), {@code returned} (to
   * free collateral), {@code realized} (closes: returned - margin, i.e. PnL + funding - the closing
   * fee), {@code atMs}, {@code transaction} (null when not found).
   */
  public static ObjectNode fill(final io.perpnet.node.fills.Fill f, final MarketParams m) {
    final ObjectNode o = F.objectNode().put("matchId", io.perpnet.consensus.codec.Bytes32.wrap(f.matchId()).toHex())
        .put("kind", f.kind().apiName()).put("market", m == null ? Integer.toString(f.market()) : m.symbol())
        .put("role", f.weAreMaker() ? "maker" : "trader").put("side", f.weAreLong() ? "long" : "short")
        .put("size", m == null ? Long.toString(f.size()) : Decimals.fromUnits(f.size(), m.baseDecimals()))
        .put("price", usdc(f.price())).put("fee", usdc(f.fee())).put("funding", usdc(f.funding()))
        .put("pnl", usdc(f.pnl())).put("margin", usdc(f.margin()));
    if (!f.kind().open()) {
      o.put("returned", usdc(f.returned())).put("realized", usdc(f.returned() - f.margin()));
    }
    o.put("atMs", f.atMs());
    if (f.hasSignature()) {
      o.put("transaction", io.perpnet.consensus.identity.Base58.encode(f.signature()));
    } else {
      o.putNull("transaction");
    }
    return o;
  }

  public static ObjectNode margin(final EscrowAccounts.Margin m) {
    return F.objectNode().put("free", usdc(m.free())).put("locked", usdc(m.locked()))
        .put("openPositions", m.openPositions()).put("deposited", usdc(m.deposited()));
  }

  public static ObjectNode object(final Map<String, Object> fields) {
    final ObjectNode o = F.objectNode();
    fields.forEach(o::putPOJO);
    return o;
  }
}
