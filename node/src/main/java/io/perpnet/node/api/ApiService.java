package io.perpnet.node.api;

import io.perpnet.node.Node;
import io.perpnet.node.api.auth.RateLimiter;
import io.perpnet.node.api.auth.Tokens;
import io.perpnet.node.api.http.ApiHandler;
import io.perpnet.node.api.http.HttpServer;
import io.perpnet.node.api.http.OpenApi;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.http.Router;
import io.perpnet.node.api.json.EventViews;
import io.perpnet.node.api.routes.AccountRoutes;
import io.perpnet.node.api.routes.AlertRoutes;
import io.perpnet.node.api.routes.AgentRoutes;
import io.perpnet.node.api.routes.EventRoutes;
import io.perpnet.node.api.routes.FillRoutes;
import io.perpnet.node.api.routes.IntentRoutes;
import io.perpnet.node.api.routes.IntentStore;
import io.perpnet.node.api.routes.MarketRoutes;
import io.perpnet.node.api.routes.Markets;
import io.perpnet.node.api.routes.MatchRoutes;
import io.perpnet.node.api.routes.PositionRoutes;
import io.perpnet.node.api.routes.QuoteRoutes;
import io.perpnet.node.api.routes.RiskRoutes;
import io.perpnet.node.api.routes.PortfolioRoutes;
import io.perpnet.node.api.routes.RoleRoutes;
import io.perpnet.node.api.ws.WsSession;
import io.perpnet.node.config.ApiConfig;
import io.perpnet.node.service.Service;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's API over HTTP and WebSocket, started last (it drives the node's facade). Its tokens
 * live in {@code <data-dir>/api/}; its routes are the route classes' (and the OpenAPI document
 * generated from them).
 */
public final class ApiService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);
  public static final String VERSION = "1.0.0";

  private final Node node;
  private final ApiConfig config;
  /**
   * Handlers run on platform threads taken from a cached pool (their number bounded in practice by
   * the tokens' rate limits): on two busy cores a virtual thread's wake-up after {@code place()}
   * cost 0.3 to 0.5 ms per request (ApiBench, node README).
   */
  private final ExecutorService workers = Executors.newCachedThreadPool(
      Thread.ofPlatform().daemon().name("api-", 0).factory());
  private Tokens tokens;
  private Router router;
  private HttpServer server;
  private io.perpnet.node.api.mcp.McpEndpoint mcp;
  private io.perpnet.node.store.EventFeed mcpFeed;

  public ApiService(final Node node, final ApiConfig config) {
    this.node = node;
    this.config = config;
  }

  @Override
  public String name() {
    return "api";
  }

  @Override
  public void start() throws Exception {
    final InetSocketAddress listen = config.listen().orElseThrow();
    tokens = Tokens.loadOrCreate(node.config().dataDir().resolve("api"));
    router = new Router(routes(node, System::currentTimeMillis));
    final RateLimiter rate = new RateLimiter(config.ratePerSecond(), config.burst(), System::nanoTime);
    final EventViews views = new EventViews(id -> new Markets(node.chain()).byId(id));
    final io.perpnet.node.api.dashboard.DashboardFiles dashboard = new io.perpnet.node.api.dashboard.DashboardFiles();
    mcp = io.perpnet.node.api.mcp.McpEndpoint.of(new io.perpnet.node.api.mcp.RouteCalls(router),
        new io.perpnet.node.api.mcp.McpSessions(System::currentTimeMillis), VERSION);
    mcpFeed = node.events(Long.MAX_VALUE, mcp::changed); // from now on: a stream tells of changes, not history
    server = new HttpServer(new InetSocketAddress(listen.getHostString(), listen.getPort()),
        () -> new ApiHandler(router, tokens, rate, config, workers, dashboard, mcp),
        () -> new WsSession(node, views, workers));
    if (!server.address().getAddress().isLoopbackAddress()) {
      LOG.warn("the agent API listens on {}, not a loopback address: anyone who can reach it and holds a token can"
          + " trade and move money", server.address());
    }
    LOG.info("API listening on http://{}:{}/v1 (tokens in {})", server.address().getHostString(),
        server.address().getPort(), tokens.file(io.perpnet.node.api.auth.Scope.FULL).getParent());
  }

  /** Every route of the API, the OpenAPI document's included. */
  public static List<Route> routes(final Node node, final java.util.function.LongSupplier clock) {
    final Markets markets = new Markets(node.chain());
    final EventViews views = new EventViews(markets::byId);
    final List<Route> all = new ArrayList<>();
    all.addAll(new AgentRoutes(node).routes());
    all.addAll(new AccountRoutes(node).routes());
    all.addAll(new MarketRoutes(markets, clock, io.perpnet.node.chain.OpenInterest.of(node.chain(), clock)).routes());
    all.addAll(new IntentRoutes(node, markets, IntentStore.load(node.store()), clock).routes());
    all.addAll(new QuoteRoutes(node, markets, clock).routes());
    all.addAll(new MatchRoutes(node, markets).routes());
    all.addAll(new PositionRoutes(node, markets).routes());
    all.addAll(new FillRoutes(node, markets).routes());
    all.addAll(new EventRoutes(node, views).routes());
    all.addAll(new RiskRoutes(node).routes());
    all.addAll(new AlertRoutes(node, views).routes());
    all.addAll(new RoleRoutes(node).routes());
    all.addAll(new PortfolioRoutes(node, markets).routes());
    final Router[] self = new Router[1];
    all.add(Route.get("/v1/openapi.json", null, "This document", "the OpenAPI 3 document of every route",
        r -> OpenApi.document(self[0], VERSION)));
    self[0] = new Router(all);
    return all;
  }

  /** Where it listens (its port, when configured as 0). */
  public InetSocketAddress address() {
    return server.address();
  }

  public Tokens tokens() {
    return tokens;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
    if (mcpFeed != null) {
      mcpFeed.close();
    }
    if (mcp != null) {
      mcp.stop();
    }
    workers.shutdownNow();
  }
}
