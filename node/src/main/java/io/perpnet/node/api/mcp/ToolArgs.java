package io.perpnet.node.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ApiHandler;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A tool call's arguments as JSON, with the checks a tool makes before a route sees them: no
 * argument the tool does not take, and ids that are one path segment. Types and ranges are the
 * route's to check (the same errors as over HTTP, each naming its field).
 */
final class ToolArgs {
  /** A match id (hex), a position's address (base58), an intent id, an alert's sequence number, a market. */
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,88}");

  private ToolArgs() {}

  /** The arguments as a JSON object, or a VALIDATION error naming the first one the tool does not take. */
  static ObjectNode of(final Map<String, Object> raw, final Collection<String> known) throws ApiError {
    final ObjectNode args = raw == null ? JsonNodeFactory.instance.objectNode()
        : ApiHandler.JSON.valueToTree(raw);
    for (final var it = args.fieldNames(); it.hasNext(); ) {
      final String name = it.next();
      if (!known.contains(name)) {
        throw ApiError.field(name, "unknown argument (this tool takes " + (known.isEmpty() ? "none"
            : String.join(", ", new TreeSet<>(known))) + ")");
      }
    }
    return args;
  }

  /** A required id, safe to put in a path. */
  static String id(final ObjectNode args, final String name) throws ApiError {
    final JsonNode v = args.get(name);
    if (v == null || v.isNull()) {
      throw ApiError.field(name, "required");
    }
    if (v.isIntegralNumber()) {
      return v.asText(); // an alert's sequence number sent as a number
    }
    if (!v.isTextual() || !ID.matcher(v.asText()).matches()) {
      throw ApiError.field(name, "must be an id as the list tools give it (hex, base58 or a number)");
    }
    return v.asText();
  }

  /** The arguments named, as a new object (a route's body, say). */
  static ObjectNode pick(final ObjectNode args, final Collection<String> names) {
    final ObjectNode out = JsonNodeFactory.instance.objectNode();
    names.forEach(n -> {
      if (args.has(n)) {
        out.set(n, args.get(n));
      }
    });
    return out;
  }

  /** {@code ?a=x&b=y} of the query arguments given (empty when none), each a string, number or boolean. */
  static String query(final ObjectNode args, final Collection<String> names) throws ApiError {
    final StringBuilder q = new StringBuilder();
    for (final String n : names) {
      final JsonNode v = args.get(n);
      if (v == null || v.isNull()) {
        continue;
      }
      if (!v.isValueNode()) {
        throw ApiError.field(n, "must be a string");
      }
      q.append(q.isEmpty() ? '?' : '&').append(n).append('=')
          .append(URLEncoder.encode(v.asText(), StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  /** A decimal string argument, exactly (a JSON number is refused: it may have lost digits already). */
  static Optional<BigDecimal> decimal(final ObjectNode args, final String name) throws ApiError {
    final JsonNode v = args.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw ApiError.field(name, "must be a string (amounts and prices are decimal strings, e.g. \"0.015\")");
    }
    try {
      return Optional.of(new BigDecimal(v.asText()));
    } catch (NumberFormatException e) {
      throw ApiError.field(name, "must be a decimal string such as \"0.015\", not '" + v.asText() + "'");
    }
  }

  static Set<String> names(final ObjectNode schema) {
    final Set<String> out = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(out::add);
    return out;
  }
}
