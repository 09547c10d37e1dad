package io.perpnet.node.api.routes;

import io.perpnet.consensus.market.MarketParams;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.chain.ChainService;
import java.util.Map;

/** The markets the node follows, by symbol and by id, and their fresh oracle prices. */
public final class Markets {
  private final ChainService chain;

  public Markets(final ChainService chain) {
    this.chain = chain;
  }

  public Map<Integer, MarketParams> all() {
    return chain.markets();
  }

  public MarketParams bySymbol(final String field, final String symbol) throws ApiError {
    for (final MarketParams m : chain.markets().values()) {
      if (m.symbol().equals(symbol)) {
        return m;
      }
    }
    throw new ApiError(ErrorCode.UNKNOWN_MARKET, "the node follows no market '" + symbol + "' (it follows "
        + chain.markets().values().stream().map(MarketParams::symbol).sorted().toList() + ")",
        Map.of("field", field));
  }

  public MarketParams byId(final int id) {
    final MarketParams m = chain.markets().get(id);
    return m != null ? m : new MarketParams(id, "market-" + id, 0, 1);
  }

  public EscrowAccounts.Market account(final MarketParams m) throws ApiError {
    return chain.marketAccount(m.id()).orElseThrow(() -> new ApiError(ErrorCode.CHAIN_UNAVAILABLE,
        "cannot read market " + m.symbol() + " from the chain now"));
  }

  /** The oracle price if fresh, else STALE_ORACLE saying how old it is. */
  public long freshPrice(final MarketParams m, final long nowMs) throws ApiError {
    final EscrowAccounts.Market a = account(m);
    if (a.price() <= 0) {
      throw new ApiError(ErrorCode.STALE_ORACLE, "no oracle price has been posted for " + m.symbol());
    }
    final long age = nowMs - a.priceTimeMs();
    if (age > a.config().maxStalenessMs()) {
      throw new ApiError(ErrorCode.STALE_ORACLE, "the " + m.symbol() + " price is " + age / 1000
          + " s old (at most " + a.config().maxStalenessMs() / 1000 + " s); retry after the next oracle update",
          Map.of("ageMs", age));
    }
    return a.price();
  }
}
