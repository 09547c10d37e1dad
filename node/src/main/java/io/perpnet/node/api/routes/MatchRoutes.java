package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Base58;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.fills.Fill;
import io.perpnet.node.matches.Attempt;
import io.perpnet.node.matches.MatchBook;
import io.perpnet.node.matches.MatchState;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.StoreException;
import java.util.List;

/**
 * {@code /v1/matches}: the matches this node signed, as trader or maker, with their state
 * ({@link MatchState}: proposed, countersigned, submitted, confirmed, closed, failed, expired).
 * {@code transactions}: the landed transactions that opened and closed its position ({@code kind}
 * as a fill's: open, close_at_mark, close_mutual, liquidated; {@code landed: true}) once the node's
 * fills have found them, and every open_position this node signed that did not land or was refused
 * ({@code landed: false}, with its {@code error}). {@code attempts}: every try that did not open the
 * position, the maker's refusals and silences included; {@code error}: the last one's, for a
 * failed or expired match.
 */
public final class MatchRoutes {
  private final Node node;
  private final Markets markets;

  public MatchRoutes(final Node node, final Markets markets) {
    this.node = node;
    this.markets = markets;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/matches", Scope.READ, "The matches this node signed, newest first (?state)",
            "a list of matches", this::list),
        Route.get("/v1/matches/{id}", Scope.READ, "One match with its state, transactions and attempts", "the match",
            this::one));
  }

  private JsonNode list(final Request r) throws ApiError {
    final var state = r.query("state");
    if (state.isPresent() && java.util.Arrays.stream(MatchState.values()).noneMatch(s -> s.apiName().equals(state.get()))) {
      throw ApiError.field("state", "one of proposed, countersigned, submitted, confirmed, closed, failed, expired");
    }
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (final MatchBook.Entry e : read(MatchBook::all)) {
      if (state.map(s -> s.equals(e.state().apiName())).orElse(true)) {
        out.add(view(e));
      }
    }
    return out;
  }

  private JsonNode one(final Request r) throws ApiError {
    final Bytes32 id = Ids.parse("id", r.param("id"));
    return view(read(b -> b.find(id)).orElseThrow(
        () -> new ApiError(ErrorCode.NOT_FOUND, "no match " + r.param("id") + " at this node")));
  }

  private interface Read<T> {
    T from(MatchBook book) throws StoreException, RpcError;
  }

  private <T> T read(final Read<T> read) throws ApiError {
    try {
      return read.from(node.matches());
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read the store: " + e.getMessage());
    } catch (RpcError e) {
      throw new ApiError(ErrorCode.CHAIN_UNAVAILABLE, "cannot read the position: " + e.getMessage());
    }
  }

  private ObjectNode view(final MatchBook.Entry e) throws ApiError {
    final Signed<MatchTerms> m = e.match();
    final ObjectNode v = Views.match(m, markets.byId(m.payload().header().market()));
    v.put("role", m.payload().maker().equals(node.publicKey()) ? "maker" : "trader");
    v.put("state", e.state().apiName());
    if ((e.state() == MatchState.FAILED || e.state() == MatchState.EXPIRED) && !e.attempts().isEmpty()) {
      v.put("error", e.attempts().get(e.attempts().size() - 1).detail());
    }
    final ArrayNode txs = v.putArray("transactions");
    for (final Attempt a : e.attempts()) {
      a.signature().ifPresent(sig -> txs.addObject().put("kind", "open").put("signature", sig).put("atMs", a.atMs())
          .put("landed", false).put("error", a.detail()));
    }
    try {
      for (final boolean open : new boolean[] {true, false}) {
        node.store().get(Column.FILLS, Fill.key(m.hash().bytes(), open)).map(Fill::decode).filter(Fill::hasSignature)
            .ifPresent(f -> txs.addObject().put("kind", f.kind().apiName())
                .put("signature", Base58.encode(f.signature())).put("atMs", f.atMs()).put("landed", true));
      }
    } catch (StoreException x) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read the store: " + x.getMessage());
    }
    final ArrayNode attempts = v.putArray("attempts");
    for (final Attempt a : e.attempts()) {
      final ObjectNode o = attempts.addObject().put("kind", a.kind().apiName()).put("atMs", a.atMs())
          .put("detail", a.detail());
      a.signature().ifPresent(sig -> o.put("signature", sig));
    }
    return v;
  }
}
