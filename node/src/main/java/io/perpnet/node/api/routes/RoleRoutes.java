package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Views;
import io.perpnet.node.liquidator.LiquidatorService;
import io.perpnet.node.liquidator.LiquidatorStats;
import io.perpnet.node.oracle.OracleService;
import io.perpnet.node.oracle.OracleStats;
import java.util.List;
import java.util.Map;

/** What the node's network roles did: the liquidator's attempts and earnings, the oracle's and keeper's prices. */
public final class RoleRoutes {
  private final Node node;

  public RoleRoutes(final Node node) {
    this.node = node;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/liquidations", Scope.READ, "The liquidations this node's liquidator landed, newest first (at"
            + " most 500)", "matchId, position, market, down (trader, maker or both), size, mark, reward, atMs;"
            + " ROLE_MISSING without the liquidator role", this::landed),
        Route.get("/v1/liquidations/stats", Scope.READ, "The liquidator's attempts, wins, losses and earnings",
            "counts and earnings (USDC decimal string); ROLE_MISSING without the liquidator role", this::liquidations),
        Route.get("/v1/oracle/stats", Scope.READ, "The prices service: attestations signed, refused, posted",
            "counts, and the newest attestation of each oracle by market; ROLE_MISSING without the oracle or keeper role",
            this::oracle));
  }

  private JsonNode liquidations(final Request r) throws ApiError {
    final LiquidatorService l = node.roles().liquidator().orElseThrow(() -> missing("liquidator"));
    final LiquidatorStats s = l.stats();
    return JsonNodeFactory.instance.objectNode().put("followedPositions", l.book().size()).put("attempts", s.attempts())
        .put("wins", s.wins()).put("losses", s.losses()).put("failures", s.failures()).put("staleSkips", s.staleSkips())
        .put("earnings", Views.usdc(s.earnings()));
  }

  private JsonNode landed(final Request r) throws ApiError {
    node.roles().liquidator().orElseThrow(() -> missing("liquidator"));
    final List<io.perpnet.node.liquidator.LiquidationRecord> all = new java.util.ArrayList<>();
    node.store().forEach(io.perpnet.node.store.Column.LIQUIDATIONS,
        (k, v) -> all.add(io.perpnet.node.liquidator.LiquidationRecord.decode(v)));
    all.sort(java.util.Comparator.comparingLong(io.perpnet.node.liquidator.LiquidationRecord::atMs).reversed());
    final var out = JsonNodeFactory.instance.arrayNode();
    all.stream().limit(500).forEach(x -> out.add(Views.liquidation(x, node.chain().markets().get(x.market()))));
    return out;
  }

  private JsonNode oracle(final Request r) throws ApiError {
    final OracleService o = node.roles().oracle().orElseThrow(() -> missing("oracle"));
    final OracleStats s = o.stats();
    final ObjectNode out = JsonNodeFactory.instance.objectNode().put("signed", s.signed()).put("posted", s.posted())
        .put("lost", s.lost()).put("failed", s.failed());
    final ObjectNode refused = out.putObject("refused");
    s.refused().forEach(refused::put);
    final ObjectNode newest = out.putObject("attestations");
    node.chain().markets().forEach((id, m) -> {
      final var list = newest.putArray(m.symbol());
      for (final Signed<PriceAttestation> a : o.pool().newest(id)) {
        list.addObject().put("oracle", a.payload().oracle().toAddress())
            .put("price", Views.usdc(a.payload().price())).put("publishTimeMs", a.payload().publishTimeMs());
      }
    });
    node.roles().keeper().ifPresent(k -> out.putObject("keeper").put("fundingSettlements", k.settlements())
        .put("failures", k.failures()));
    return out;
  }

  private static ApiError missing(final String role) {
    return new ApiError(ErrorCode.ROLE_MISSING, "this node does not have the " + role + " role (roles = [\"" + role
        + "\"])", Map.of("role", role));
  }
}
