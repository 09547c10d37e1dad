package io.perpnet.node.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.node.api.auth.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An authenticated request as a route sees it: its path parameters ({@code {id}}), query
 * parameters (the first value of each), the body parsed as JSON (null without one) and the
 * token's scope.
 */
public record Request(String method, String path, Map<String, String> params, Map<String, List<String>> query,
    JsonNode body, Scope scope) {

  public String param(final String name) {
    return params.get(name);
  }

  public Optional<String> query(final String name) {
    final List<String> v = query.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
  }

  /** A whole-number query parameter within bounds, or {@code otherwise} when absent. */
  public long queryLong(final String name, final long otherwise, final long min, final long max) throws ApiError {
    final Optional<String> v = query(name);
    if (v.isEmpty()) {
      return otherwise;
    }
    try {
      final long n = Long.parseLong(v.get());
      if (n < min || n > max) {
        throw ApiError.field(name, "must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.field(name, "must be a whole number");
    }
  }
}
