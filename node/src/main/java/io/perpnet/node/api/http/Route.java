package io.perpnet.node.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.json.Field;
import java.util.List;

/**
 * One endpoint: method, path template ({@code /v1/intents/{id}}), the scope a token needs, its
 * request body's fields (POST and PUT), what it does and answers (for the OpenAPI document, which
 * is generated from these), and the handler.
 */
public record Route(String method, String path, Scope scope, List<Field> body, String summary, String answers,
    Handler handler) {

  /** Answers a request: a JSON value with 200, or an {@link ApiError}. */
  @FunctionalInterface
  public interface Handler {
    JsonNode handle(Request request) throws ApiError;
  }

  public static Route get(final String path, final Scope scope, final String summary, final String answers,
      final Handler handler) {
    return new Route("GET", path, scope, List.of(), summary, answers, handler);
  }

  public static Route post(final String path, final Scope scope, final List<Field> body, final String summary,
      final String answers, final Handler handler) {
    return new Route("POST", path, scope, body, summary, answers, handler);
  }

  public static Route put(final String path, final Scope scope, final List<Field> body, final String summary,
      final String answers, final Handler handler) {
    return new Route("PUT", path, scope, body, summary, answers, handler);
  }

  public static Route delete(final String path, final Scope scope, final String summary, final String answers,
      final Handler handler) {
    return new Route("DELETE", path, scope, List.of(), summary, answers, handler);
  }

  /** Refuses a token whose scope is below this route's ({@code FORBIDDEN}); open routes allow any. */
  public void authorize(final Scope held) throws ApiError {
    if (scope != null && !held.allows(scope)) {
      throw new ApiError(ErrorCode.FORBIDDEN, "this route needs a " + scope.name().toLowerCase(java.util.Locale.ROOT)
          + " token; this one is " + held.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** The template's segments ({@code {id}} for a parameter). */
  public List<String> segments() {
    return List.of(path.substring(1).split("/"));
  }
}
