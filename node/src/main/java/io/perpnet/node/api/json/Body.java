package io.perpnet.node.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.node.api.http.ApiError;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request body checked against its fields: an object, no unknown field, every required one
 * present, each of its declared type (a number where a decimal string is due is refused: amounts
 * travel as strings) and range. Read the values through the typed getters.
 */
public final class Body {
  private final JsonNode node;

  private Body(final JsonNode node) {
    this.node = node;
  }

  public static Body check(final JsonNode node, final List<Field> fields) throws ApiError {
    if (node == null || !node.isObject()) {
      throw ApiError.field("body", "must be a JSON object");
    }
    final Map<String, Field> byName = new HashMap<>();
    fields.forEach(f -> byName.put(f.name(), f));
    for (final Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      final String name = it.next();
      if (!byName.containsKey(name)) {
        throw ApiError.field(name, "unknown field (fields: " + String.join(", ", byName.keySet().stream().sorted().toList())
            + ")");
      }
    }
    for (final Field f : fields) {
      final JsonNode v = node.get(f.name());
      if (v == null || v.isNull()) {
        if (f.required()) {
          throw ApiError.field(f.name(), "required");
        }
        continue;
      }
      switch (f.type()) {
        case "string" -> {
          if (!v.isTextual()) {
            throw ApiError.field(f.name(), "must be a string" + (f.format().equals("decimal")
                ? " (amounts and prices are decimal strings, e.g. \"0.015\")" : ""));
          }
          if (!f.choices().isEmpty() && !f.choices().contains(v.asText())) {
            throw ApiError.field(f.name(), "must be one of " + f.choices());
          }
          if (f.max() > 0 && v.asText().length() > f.max()) {
            throw ApiError.field(f.name(), "at most " + f.max() + " characters");
          }
        }
        case "integer" -> {
          if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiError.field(f.name(), "must be an integer");
          }
          if (v.asLong() < f.min() || v.asLong() > f.max()) {
            throw ApiError.field(f.name(), "must be between " + f.min() + " and " + f.max());
          }
        }
        case "boolean" -> {
          if (!v.isBoolean()) {
            throw ApiError.field(f.name(), "must be true or false");
          }
        }
        default -> throw new IllegalStateException("field type " + f.type());
      }
    }
    return new Body(node);
  }

  public boolean has(final String name) {
    return node.hasNonNull(name);
  }

  public Optional<String> text(final String name) {
    return has(name) ? Optional.of(node.get(name).asText()) : Optional.empty();
  }

  public long integer(final String name, final long otherwise) {
    return has(name) ? node.get(name).asLong() : otherwise;
  }

  public boolean bool(final String name, final boolean otherwise) {
    return has(name) ? node.get(name).asBoolean() : otherwise;
  }

  /** A decimal string field in fixed point; the field's name in the error if it does not convert exactly. */
  public Optional<Long> units(final String name, final int decimals) throws ApiError {
    if (!has(name)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Decimals.toUnits(node.get(name).asText(), decimals, false));
    } catch (IllegalArgumentException e) {
      throw ApiError.field(name, e.getMessage());
    }
  }
}
