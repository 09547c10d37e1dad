package io.perpnet.node.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import io.perpnet.node.api.http.Request;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.http.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's routes called in process, as a tool does: the same route, the same scope check and
 * the same validation and risk checks as over HTTP, with the caller's token scope; only the
 * parsing of HTTP is skipped (the MCP request was one HTTP request, rate-limited as such).
 */
public final class RouteCalls {
  private final Router router;

  public RouteCalls(final Router router) {
    this.router = router;
  }

  /**
   * The route's answer to {@code method} on {@code target} (a path, with a query string or not)
   * with {@code body} (null for none).
   */
  public JsonNode call(final Scope scope, final String method, final String target, final JsonNode body)
      throws ApiError {
    final QueryStringDecoder uri = new QueryStringDecoder(target);
    final List<String> allowed = new ArrayList<>();
    final Router.Match match = router.find(method, uri.path(), allowed)
        .orElseThrow(() -> new ApiError(allowed.isEmpty() ? ErrorCode.NOT_FOUND : ErrorCode.METHOD_NOT_ALLOWED,
            "no route " + method + " " + uri.path()));
    final Route route = match.route();
    route.authorize(scope);
    return route.handler().handle(new Request(method, uri.path(), match.params(), uri.parameters(), body, scope));
  }

  public JsonNode get(final Scope scope, final String target) throws ApiError {
    return call(scope, "GET", target, null);
  }

  /** The route's own declaration (its body's fields make a tool's schema). */
  public Route route(final String method, final String template) {
    return router.routes().stream().filter(r -> r.method().equals(method) && r.path().equals(template)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no route " + method + " " + template));
  }
}
