package io.perpnet.sdk.hyperliquid.info;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.sdk.hyperliquid.http.HyperliquidException;
import io.perpnet.sdk.hyperliquid.http.HyperliquidHttp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Hyperliquid's info endpoint ({@code POST /info}). Queries about an account take the master
 * account's address, never an API wallet's: an API wallet holds nothing (the confusion its users
 * report most), so the exchange client hands out {@code account()} for these.
 */
public final class InfoClient {
  private final HyperliquidHttp http;

  public InfoClient(final HyperliquidHttp http) {
    this.http = http;
  }

  private JsonNode ask(final String type, final Function<ObjectNode, ObjectNode> more) throws HyperliquidException {
    return http.post("/info", more.apply(HyperliquidHttp.JSON.createObjectNode().put("type", type)));
  }

  public Meta meta() throws HyperliquidException {
    return meta(ask("meta", o -> o));
  }

  private static Meta meta(final JsonNode m) throws HyperliquidException {
    final List<Asset> assets = new ArrayList<>();
    for (final JsonNode a : need(m, "universe")) {
      assets.add(new Asset(assets.size(), text(a, "name"), need(a, "szDecimals").asInt(),
          need(a, "maxLeverage").asInt()));
    }
    return new Meta(assets);
  }

  /** Every coin's mid price. */
  public Map<String, BigDecimal> allMids() throws HyperliquidException {
    final Map<String, BigDecimal> mids = new LinkedHashMap<>();
    for (final var e : ask("allMids", o -> o).properties()) {
      mids.put(e.getKey(), new BigDecimal(e.getValue().asText()));
    }
    return mids;
  }

  /** Each perpetual's mark, mid, oracle price, funding rate and open interest. */
  public List<Records.AssetContext> assetContexts() throws HyperliquidException {
    final JsonNode both = ask("metaAndAssetCtxs", o -> o);
    final Meta m = meta(both.path(0));
    final List<Records.AssetContext> out = new ArrayList<>();
    int i = 0;
    for (final JsonNode c : both.path(1)) {
      out.add(new Records.AssetContext(m.universe().get(i++).name(), dec(c, "markPx"), optional(c, "midPx"),
          dec(c, "oraclePx"), dec(c, "funding"), dec(c, "openInterest")));
    }
    return out;
  }

  public Records.L2Book l2Book(final String coin) throws HyperliquidException {
    final JsonNode b = ask("l2Book", o -> o.put("coin", coin));
    final JsonNode levels = need(b, "levels");
    return new Records.L2Book(text(b, "coin"), need(b, "time").asLong(), levels(levels.path(0)), levels(levels.path(1)));
  }

  private static List<Records.Level> levels(final JsonNode side) throws HyperliquidException {
    final List<Records.Level> out = new ArrayList<>();
    for (final JsonNode l : side) {
      out.add(new Records.Level(dec(l, "px"), dec(l, "sz"), need(l, "n").asInt()));
    }
    return out;
  }

  /** The perp account of {@code user} (the master address). */
  public Records.UserState userState(final String user) throws HyperliquidException {
    final JsonNode s = ask("clearinghouseState", o -> o.put("user", user));
    final List<Records.Position> positions = new ArrayList<>();
    for (final JsonNode ap : need(s, "assetPositions")) {
      final JsonNode p = need(ap, "position");
      positions.add(new Records.Position(text(p, "coin"), dec(p, "szi"), dec(p, "entryPx"), dec(p, "unrealizedPnl"),
          optional(p, "liquidationPx"), p.path("leverage").path("value").asInt(),
          "cross".equals(p.path("leverage").path("type").asText())));
    }
    final JsonNode margin = need(s, "marginSummary");
    return new Records.UserState(dec(margin, "accountValue"), dec(margin, "totalMarginUsed"), dec(s, "withdrawable"),
        positions);
  }

  public List<Records.OpenOrder> openOrders(final String user) throws HyperliquidException {
    final List<Records.OpenOrder> out = new ArrayList<>();
    for (final JsonNode o : ask("openOrders", q -> q.put("user", user))) {
      out.add(new Records.OpenOrder(text(o, "coin"), need(o, "oid").asLong(), text(o, "side"), dec(o, "limitPx"),
          dec(o, "sz"), need(o, "timestamp").asLong()));
    }
    return out;
  }

  public List<Records.Fill> userFills(final String user) throws HyperliquidException {
    final List<Records.Fill> out = new ArrayList<>();
    for (final JsonNode f : ask("userFills", q -> q.put("user", user))) {
      out.add(new Records.Fill(text(f, "coin"), need(f, "oid").asLong(), text(f, "side"), dec(f, "px"), dec(f, "sz"),
          dec(f, "fee"), dec(f, "closedPnl"), text(f, "dir"), need(f, "time").asLong(), text(f, "hash")));
    }
    return out;
  }

  public List<Records.Funding> fundingHistory(final String coin, final long startMs, final OptionalLong endMs)
      throws HyperliquidException {
    final List<Records.Funding> out = new ArrayList<>();
    for (final JsonNode f : ask("fundingHistory", q -> {
      q.put("coin", coin).put("startTime", startMs);
      endMs.ifPresent(e -> q.put("endTime", e));
      return q;
    })) {
      out.add(new Records.Funding(text(f, "coin"), dec(f, "fundingRate"), dec(f, "premium"), need(f, "time").asLong()));
    }
    return out;
  }

  private static JsonNode need(final JsonNode o, final String field) throws HyperliquidException {
    final JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new HyperliquidException(HyperliquidException.Kind.MALFORMED, "no " + field + " in " + o);
    }
    return v;
  }

  private static String text(final JsonNode o, final String field) throws HyperliquidException {
    return need(o, field).asText();
  }

  private static BigDecimal dec(final JsonNode o, final String field) throws HyperliquidException {
    final JsonNode v = need(o, field);
    try {
      return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
    } catch (NumberFormatException e) {
      throw new HyperliquidException(HyperliquidException.Kind.MALFORMED, field + " is not a number: " + v);
    }
  }

  private static Optional<BigDecimal> optional(final JsonNode o, final String field) throws HyperliquidException {
    final JsonNode v = o.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(dec(o, field));
  }
}
