package io.perpnet.node.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.node.api.json.Field;
import java.util.List;
import java.util.Locale;

/**
 * The OpenAPI 3.0 document of the API, generated from the routes (so it cannot drift from them):
 * every path and method, its scope, path parameters, request body schema, answer and the error
 * shape with its codes.
 */
public final class OpenApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private OpenApi() {}

  public static ObjectNode document(final Router router, final String version) {
    final ObjectNode doc = F.objectNode().put("openapi", "3.0.3");
    doc.putObject("info").put("title", "perpnet node API").put("version", version)
        .put("description", "An agent's own node. Amounts and prices are decimal strings in human units; ids are hex"
            + " SHA-256 of the signed bytes. Tokens: read, trade (also read), full (everything).");
    doc.putArray("servers").addObject().put("url", "/");
    final ObjectNode paths = doc.putObject("paths");
    for (final Route r : router.routes()) {
      final ObjectNode path = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
      final ObjectNode op = path.putObject(r.method().toLowerCase(Locale.ROOT));
      op.put("summary", r.summary()).put("operationId", operationId(r));
      if (r.scope() != null) {
        op.putArray("security").addObject().putArray("bearer");
        op.put("x-scope", r.scope().name().toLowerCase(Locale.ROOT));
      } else {
        op.putArray("security");
      }
      final ArrayNode params = op.putArray("parameters");
      for (final String s : r.segments()) {
        if (s.startsWith("{")) {
          params.addObject().put("name", s.substring(1, s.length() - 1)).put("in", "path").put("required", true)
              .putObject("schema").put("type", "string");
        }
      }
      if (!r.body().isEmpty()) {
        op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
            .set("schema", schema(r.body()));
      }
      final ObjectNode responses = op.putObject("responses");
      responses.putObject("200").put("description", r.answers()).putObject("content").putObject("application/json")
          .putObject("schema").put("type", "object");
      responses.putObject("default").put("description", "an error").putObject("content")
          .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
    }
    final ObjectNode components = doc.putObject("components");
    components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer");
    final ObjectNode error = components.putObject("schemas").putObject("Error").put("type", "object");
    error.putArray("required").add("code").add("message").add("retryable").add("details");
    final ObjectNode props = error.putObject("properties");
    final ArrayNode codes = props.putObject("code").put("type", "string")
        .put("description", "stable; REFUSED's are passed through by the escrow's or consensus's own name")
        .putArray("x-codes");
    for (final ErrorCode c : ErrorCode.values()) {
      codes.add(c.name());
    }
    props.putObject("message").put("type", "string");
    props.putObject("retryable").put("type", "boolean");
    props.putObject("details").put("type", "object");
    return doc;
  }

  /** The JSON Schema of a body of these fields (also an MCP tool's input schema). */
  public static ObjectNode schema(final List<Field> fields) {
    final ObjectNode s = F.objectNode().put("type", "object").put("additionalProperties", false);
    final ArrayNode required = s.putArray("required");
    final ObjectNode props = s.putObject("properties");
    for (final Field f : fields) {
      final ObjectNode p = props.putObject(f.name()).put("type", f.type()).put("description", f.description());
      if (!f.format().isEmpty()) {
        p.put("format", f.format()).put("pattern", "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$");
      }
      if (!f.choices().isEmpty()) {
        final ArrayNode e = p.putArray("enum");
        f.choices().forEach(e::add);
      }
      if (f.type().equals("integer")) {
        p.put("minimum", f.min()).put("maximum", f.max());
      } else if (f.type().equals("string") && f.max() > 0) {
        p.put("maxLength", f.max());
      }
      if (f.required()) {
        required.add(f.name());
      }
    }
    if (required.isEmpty()) {
      s.remove("required");
    }
    return s;
  }

  private static String operationId(final Route r) {
    final StringBuilder b = new StringBuilder(r.method().toLowerCase(Locale.ROOT));
    for (final String s : r.segments()) {
      if (s.equals("v1")) {
        continue;
      }
      final String w = s.startsWith("{") ? "By" + cap(s.substring(1, s.length() - 1)) : cap(s.replace(".json", ""));
      b.append(w.replace("-", ""));
    }
    return b.toString();
  }

  private static String cap(final String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
