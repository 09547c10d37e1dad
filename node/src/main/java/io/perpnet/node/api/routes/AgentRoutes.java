package io.perpnet.node.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.Node;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Views;
import io.perpnet.consensus.identity.PeerId;
import java.util.List;

/** Health, the agent, its peers and its balance. */
public final class AgentRoutes {
  private final Node node;

  public AgentRoutes(final Node node) {
    this.node = node;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/health", null, "Whether the node is up (no token needed)", "status and the chain watch's state",
            this::health),
        Route.get("/v1/agent", Scope.READ, "The agent: address, peer id, roles, limits, listen addresses",
            "the agent", this::agent),
        Route.get("/v1/peers", Scope.READ, "Connected peers with their gossip scores",
            "a list of peer ids and scores", this::peers),
        Route.get("/v1/balance", Scope.READ, "Our margin account on chain: free and locked collateral",
            "the balance, USDC decimal strings", this::balance));
  }

  private JsonNode health(final Request r) {
    return JsonNodeFactory.instance.objectNode().put("status", "ok")
        .put("chainWatch", node.watch().subscribed().isDone() ? "subscribed" : "connecting")
        .put("peers", node.network().connectedPeers().size());
  }

  private JsonNode agent(final Request r) {
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("address", node.publicKey().toAddress()).put("peerId", node.peerId().toString());
    final ArrayNode roles = o.putArray("roles");
    node.config().roles().stream().sorted().forEach(role -> roles.add(role.label()));
    o.putObject("limits").put("maxLeverage", node.limits().maxLeverage())
        .put("maxPositionNotional", Views.usdc(node.limits().maxPositionNotional()))
        .put("maxOpenPositions", node.limits().maxOpenPositions());
    final ArrayNode listen = o.putArray("listen");
    node.listenAddresses().forEach(a -> listen.add(a + "/p2p/" + node.peerId()));
    return o;
  }

  private JsonNode peers(final Request r) {
    final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (final PeerId p : node.network().connectedPeers()) {
      final ObjectNode peer = out.addObject().put("peerId", p.toString());
      try {
        peer.put("score", node.network().score(p).get(2, java.util.concurrent.TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        peer.putNull("score");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        peer.putNull("score");
      }
    }
    return out;
  }

  private JsonNode balance(final Request r) throws ApiError {
    try {
      final ObjectNode out = node.balance().map(Views::margin).orElseGet(() -> JsonNodeFactory.instance
          .objectNode().put("free", "0").put("locked", "0").put("openPositions", 0).put("deposited", "0"));
      final var w = node.wallet().holdings();
      final ObjectNode wallet = out.putObject("wallet").put("usdc", Views.usdc(w.usdc()))
          .put("sol", io.perpnet.node.api.json.Decimals.fromUnits(w.lamports(), 9));
      final ArrayNode accounts = wallet.putArray("tokenAccounts");
      w.accounts().forEach(h -> accounts.addObject().put("address", h.address().toBase58())
          .put("usdc", Views.usdc(h.amount())));
      return out;
    } catch (RpcError e) {
      throw new ApiError(ErrorCode.CHAIN_UNAVAILABLE, "cannot read our margin account: " + e.getMessage());
    }
  }
}
