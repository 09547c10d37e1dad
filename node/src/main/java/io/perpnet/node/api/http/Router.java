package io.perpnet.node.api.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the route of a method and path, with the path's parameters. Literal segments beat parameters. */
public final class Router {
  /** A route found, with the values of its path parameters. */
  public record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes;

  public Router(final List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  public List<Route> routes() {
    return routes;
  }

  /**
   * The route for {@code method} and {@code path}; empty with {@code allowed} filled when the path
   * exists under other methods only (a 405), empty and {@code allowed} empty when it does not (404).
   */
  public Optional<Match> find(final String method, final String path, final List<String> allowed) {
    final String[] parts = path.length() > 1 ? path.substring(1).split("/", -1) : new String[0];
    Match best = null;
    int bestLiterals = -1;
    for (final Route r : routes) {
      final List<String> segments = r.segments();
      if (segments.size() != parts.length) {
        continue;
      }
      final Map<String, String> params = new HashMap<>();
      int literals = 0;
      boolean ok = true;
      for (int i = 0; i < parts.length && ok; i++) {
        final String s = segments.get(i);
        if (s.startsWith("{")) {
          ok = !parts[i].isEmpty();
          params.put(s.substring(1, s.length() - 1), parts[i]);
        } else {
          ok = s.equals(parts[i]);
          literals++;
        }
      }
      if (!ok) {
        continue;
      }
      if (!r.method().equals(method)) {
        allowed.add(r.method());
        continue;
      }
      if (literals > bestLiterals) {
        best = new Match(r, params);
        bestLiterals = literals;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every distinct path template, in declaration order. */
  public List<String> paths() {
    final List<String> out = new ArrayList<>();
    routes.forEach(r -> {
      if (!out.contains(r.path())) {
        out.add(r.path());
      }
    });
    return out;
  }
}
