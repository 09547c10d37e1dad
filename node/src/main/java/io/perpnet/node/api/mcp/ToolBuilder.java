package io.perpnet.node.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.node.api.http.OpenApi;
import io.perpnet.node.api.http.Route;
import io.perpnet.node.api.json.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares a tool over a route: its path parameters and query parameters become arguments beside
 * the route's body fields, so the tool's schema is generated from the same declaration as the
 * route's validation and the OpenAPI document (it cannot drift from them).
 */
final class ToolBuilder {
  private final RouteCalls routes;
  private final String name;
  private final String description;
  private final Map<String, String> ids = new LinkedHashMap<>();
  private final Map<String, String> queries = new LinkedHashMap<>();

  private ToolBuilder(final RouteCalls routes, final String name, final String description) {
    this.routes = routes;
    this.name = name;
    this.description = description;
  }

  static ToolBuilder tool(final RouteCalls routes, final String name, final String description) {
    return new ToolBuilder(routes, name, description);
  }

  /** A required argument that fills the path parameter of the same name. */
  ToolBuilder id(final String arg, final String about) {
    ids.put(arg, about);
    return this;
  }

  /** An optional argument sent as the query parameter of the same name. */
  ToolBuilder query(final String arg, final String about) {
    queries.put(arg, about);
    return this;
  }

  /** The tool that calls {@code method template} with the arguments. */
  Tool calls(final String method, final String template) {
    final Route route = routes.route(method, template);
    final List<String> body = route.body().stream().map(Field::name).toList();
    return handles(route.body(), c -> {
      String target = template;
      for (final String id : ids.keySet()) {
        target = target.replace("{" + id + "}", ToolArgs.id(c.args(), id));
      }
      target += ToolArgs.query(c.args(), queries.keySet());
      final JsonNode b = method.equals("POST") || method.equals("PUT") ? ToolArgs.pick(c.args(), body) : null;
      return routes.call(c.scope(), method, target, b);
    });
  }

  /** The tool whose arguments are these fields (beside its ids and queries) and whose body is {@code handler}. */
  Tool handles(final List<Field> fields, final Tool.Handler handler) {
    final ObjectNode schema = OpenApi.schema(fields);
    final ObjectNode props = (ObjectNode) schema.get("properties");
    final List<String> required = new ArrayList<>();
    ids.forEach((arg, about) -> {
      props.putObject(arg).put("type", "string").put("description", about);
      required.add(arg);
    });
    queries.forEach((arg, about) -> props.putObject(arg).put("type", "string").put("description", about));
    if (!required.isEmpty()) {
      final ArrayNode r = schema.has("required") ? (ArrayNode) schema.get("required") : schema.putArray("required");
      required.forEach(r::add);
    }
    return new Tool(name, description, schema, handler);
  }

  /** A tool without arguments. */
  Tool handles(final Tool.Handler handler) {
    return handles(List.of(), handler);
  }
}
