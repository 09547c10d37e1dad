package io.perpnet.node.api.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The Model Context Protocol on the API's port, {@code POST /mcp} (streamable HTTP, answering
 * each message with one JSON body; {@code GET} opens the session's stream of resource changes,
 * {@link ResourceStream}; {@code DELETE} ends the session). The official SDK's stateless server speaks the
 * protocol; this class is its transport: sessions ({@link McpSessions}), and the caller's token
 * scope and session handed to the tools through the transport context. The API handler has
 * checked the Host header, the token and its rate before.
 */
public final class McpEndpoint implements McpStatelessServerTransport {
  public static final String PATH = "/mcp";
  public static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);
  private static final String SCOPE = "perp.scope";
  private static final String SESSION = "perp.session";

  /** An HTTP answer: status, the session's id to name (initialize only) and a JSON body (null: none). */
  public record Answer(int status, String sessionId, byte[] body) {}

  private final McpJsonMapper json = McpJsonDefaults.getMapper();
  private final McpSessions sessions;
  private final McpStatelessSyncServer server;
  private volatile McpStatelessServerHandler handler;

  /** The node's endpoint: its trading tools and resources over these routes. */
  public static McpEndpoint of(final RouteCalls routes, final McpSessions sessions, final String version) {
    return new McpEndpoint(TradingTools.all(routes), PerpResources.all(routes), sessions, version);
  }

  public McpEndpoint(final List<Tool> tools, final List<SyncResourceSpecification> resources,
      final McpSessions sessions, final String version) {
    this.sessions = sessions;
    this.server = McpServer.sync(this).serverInfo("perpnet-node", version)
        .instructions("Trade perpetual futures through this perpnet node. Amounts and prices are decimal strings"
            + " (\"0.001\", \"67000.5\"). Start with list_markets; open_position opens, list_positions and"
            + " position_health read, close_position closes. Errors start with a stable code and say what to do.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(true, false).build())
        .validateToolInputs(false) // the routes validate, naming the field, as over HTTP
        .immediateExecution(true) // already on an API worker thread
        .tools(tools.stream().map(this::spec).toList())
        .resources(resources)
        .build();
  }

  @Override
  public void setMcpHandler(final McpStatelessServerHandler mcpHandler) {
    this.handler = mcpHandler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.empty();
  }

  /** Answers one POSTed message; blocks while a tool runs (call it on a worker). */
  public Answer post(final Scope scope, final String sessionId, final Map<String, List<String>> query,
      final byte[] body) {
    final McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(json, new String(body, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return error(400, McpSchema.ErrorCodes.PARSE_ERROR, "not one JSON-RPC message: " + e.getMessage());
    }
    final boolean initialize = message instanceof McpSchema.JSONRPCRequest r
        && r.method().equals(McpSchema.METHOD_INITIALIZE);
    final McpSessions.Session session;
    if (initialize) {
      final SessionGuard.Config config;
      try {
        config = SessionGuard.Config.of(query);
      } catch (ApiError e) {
        return error(400, McpSchema.ErrorCodes.INVALID_PARAMS, e.getMessage());
      }
      session = sessions.open(scope, config);
    } else if (sessionId == null) {
      return error(400, McpSchema.ErrorCodes.INVALID_REQUEST, SESSION_HEADER + " is required: initialize first");
    } else {
      final Optional<McpSessions.Session> s = sessions.find(sessionId, scope);
      if (s.isEmpty()) {
        return error(404, McpSchema.ErrorCodes.INVALID_REQUEST, "no session " + sessionId + " for this token:"
            + " initialize again");
      }
      session = s.get();
    }
    if (message instanceof McpSchema.JSONRPCRequest r && PerpResources.SUBSCRIPTIONS.contains(r.method())) {
      return subscription(session, r);
    }
    final McpTransportContext context = McpTransportContext.create(Map.of(SCOPE, scope, SESSION, session));
    try {
      if (message instanceof McpSchema.JSONRPCRequest request) {
        final McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
            .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        return new Answer(200, initialize ? session.id() : null, json.writeValueAsBytes(response));
      }
      if (message instanceof McpSchema.JSONRPCNotification notification) {
        handler.handleNotification(context, notification).contextWrite(c -> c.put(McpTransportContext.KEY, context))
            .block();
      }
      return new Answer(202, null, null); // a notification, or a response to a request we never send
    } catch (IOException | RuntimeException e) {
      LOG.warn("MCP {} failed: {}", message, e.toString(), e);
      return error(500, McpSchema.ErrorCodes.INTERNAL_ERROR, "the node could not answer: " + e.getMessage());
    }
  }

  /**
   * {@code resources/subscribe} and {@code resources/unsubscribe}, which the SDK's stateless
   * server does not keep: the session's stream does ({@link ResourceStream}).
   */
  private Answer subscription(final McpSessions.Session session, final McpSchema.JSONRPCRequest r) {
    final Object uri = r.params() instanceof Map<?, ?> p ? p.get("uri") : null;
    if (!(uri instanceof String u) || !PerpResources.URIS.contains(u)) {
      return new Answer(200, null, JsonRpc.error(r.id(), McpSchema.ErrorCodes.INVALID_PARAMS,
          "uri: one of " + PerpResources.URIS + ", not " + uri));
    }
    if (r.method().equals(McpSchema.METHOD_RESOURCES_SUBSCRIBE)) {
      session.stream().subscribe(u);
    } else {
      session.stream().unsubscribe(u);
    }
    return new Answer(200, null, JsonRpc.result(r.id()));
  }

  /** The session's stream for the client's GET, or why not (400 without a session, 404 for an unknown one). */
  public Optional<ResourceStream> stream(final Scope scope, final String sessionId) {
    return sessionId == null ? Optional.empty() : sessions.find(sessionId, scope).map(McpSessions.Session::stream);
  }

  /** Tells each session's stream of the resource {@code e} changed, if it changed one (on the appending thread). */
  public void changed(final io.perpnet.node.store.Event e) {
    final String uri = PerpResources.CHANGED_BY.get(io.perpnet.node.api.json.EventViews.channel(e));
    if (uri != null) {
      sessions.all().forEach(s -> s.stream().changed(uri));
    }
  }

  /** The client's DELETE: 204 when the session ended, 404 when there was none. */
  public Answer delete(final Scope scope, final String sessionId) {
    return sessionId != null && sessions.close(sessionId, scope) ? new Answer(204, null, null)
        : error(404, McpSchema.ErrorCodes.INVALID_REQUEST, "no session " + sessionId + " for this token");
  }

  /** Stops the protocol's server (which closes this transport: {@link #closeGracefully}). */
  public void stop() {
    server.close();
  }

  static Scope scope(final McpTransportContext context) {
    return (Scope) context.get(SCOPE);
  }

  private SyncToolSpecification spec(final Tool tool) {
    final McpSchema.Tool declared = McpSchema.Tool.builder().name(tool.name()).description(tool.description())
        .inputSchema(json, tool.schema().toString()).build();
    final var names = ToolArgs.names(tool.schema());
    return SyncToolSpecification.builder().tool(declared).callHandler((context, call) -> {
      try {
        final Tool.Call c = new Tool.Call(scope(context), (McpSessions.Session) context.get(SESSION),
            ToolArgs.of(call.arguments(), names));
        return ToolResults.ok(tool.handler().call(c));
      } catch (ApiError e) {
        return ToolResults.error(e);
      } catch (RuntimeException e) {
        LOG.warn("tool {} failed: {}", tool.name(), e.toString(), e);
        return ToolResults.error("INTERNAL", "the node could not answer: " + e, null);
      }
    }).build();
  }

  private static Answer error(final int status, final int code, final String message) {
    return new Answer(status, null, JsonRpc.error(null, code, message));
  }
}
