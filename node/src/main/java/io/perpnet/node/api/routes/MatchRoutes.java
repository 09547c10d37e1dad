package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.chain.Submitter;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/matches}: the matches this node countersigned, as trader or maker, with their state:
 * {@code countersigned} (not yet submitted), {@code submitted} (on its way to the chain),
 * {@code confirmed} (its position is open), {@code closed}, {@code expired} (its terms ran out
 * without a position). {@code transactions}: the landed transactions that opened and closed its
 * position ({@code kind} as a fill's: open, close_at_mark, close_mutual, liquidated), once the
 * node's fills have found them.
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
        Route.get("/v1/matches", Scope.READ, "The matches this node countersigned, newest first (?state)",
            "a list of matches", this::list),
        Route.get("/v1/matches/{id}", Scope.READ, "One match with its state", "the match", this::one));
  }

  private List<Signed<MatchTerms>> all() throws ApiError {
    final List<byte[]> values = new ArrayList<>();
    node.store().forEach(Column.MATCHES, (k, v) -> values.add(v));
    final List<Signed<MatchTerms>> out = new ArrayList<>();
    for (final byte[] v : values) {
      try {
        out.add(Signed.decode(v, MatchTerms.class));
      } catch (RejectedException e) {
        throw new ApiError(ErrorCode.INTERNAL, "unreadable match: " + e.getMessage());
      }
    }
    out.sort(Comparator.comparingLong((Signed<MatchTerms> m) -> m.payload().header().expiryMs()).reversed());
    return out;
  }

  private JsonNode list(final Request r) throws ApiError {
    final var state = r.query("state");
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (final Signed<MatchTerms> m : all()) {
      final ObjectNode v = view(m);
      if (state.map(s -> s.equals(v.path("state").asText())).orElse(true)) {
        out.add(v);
      }
    }
    return out;
  }

  private JsonNode one(final Request r) throws ApiError {
    final Bytes32 id = Ids.parse("id", r.param("id"));
    for (final Signed<MatchTerms> m : all()) {
      if (m.hash().equals(id)) {
        return view(m);
      }
    }
    throw new ApiError(ErrorCode.NOT_FOUND, "no match " + r.param("id") + " at this node");
  }

  private ObjectNode view(final Signed<MatchTerms> m) throws ApiError {
    final ObjectNode v = Views.match(m, markets.byId(m.payload().header().market()));
    v.put("role", m.payload().maker().equals(node.publicKey()) ? "maker" : "trader");
    v.put("state", state(m));
    final ArrayNode txs = v.putArray("transactions");
    try {
      for (final boolean open : new boolean[] {true, false}) {
        node.store().get(Column.FILLS, io.perpnet.node.fills.Fill.key(m.hash().bytes(), open))
            .map(io.perpnet.node.fills.Fill::decode).filter(io.perpnet.node.fills.Fill::hasSignature)
            .ifPresent(f -> txs.addObject().put("kind", f.kind().apiName())
                .put("signature", io.perpnet.consensus.identity.Base58.encode(f.signature())).put("atMs", f.atMs()));
      }
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read the store: " + e.getMessage());
    }
    return v;
  }

  private String state(final Signed<MatchTerms> m) throws ApiError {
    try {
      if (node.store().get(Column.POSITIONS, m.hash().bytes()).isPresent()) {
        return "confirmed";
      }
    } catch (StoreException e) {
      throw new ApiError(ErrorCode.INTERNAL, "cannot read the store: " + e.getMessage());
    }
    final CompletableFuture<Submitter.Outcome> s = node.submission(m.hash()); // failed: none since the start
    final boolean known = !s.isCompletedExceptionally();
    if (known && s.isDone()) {
      return s.join() instanceof Submitter.Outcome.Expired ? "expired" : "closed";
    }
    if (node.reservations().find(m.hash()).isPresent()) {
      return known ? "submitted" : "countersigned";
    }
    try { // decided before this start: the chain tells which way
      return node.chain().client().position(m).isPresent() ? "closed" : "expired";
    } catch (io.perpnet.escrow.rpc.RpcError e) {
      throw new ApiError(ErrorCode.CHAIN_UNAVAILABLE, "cannot read the position: " + e.getMessage());
    }
  }
}
