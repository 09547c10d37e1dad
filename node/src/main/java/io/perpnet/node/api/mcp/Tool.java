package io.perpnet.node.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.api.http.ApiError;

/**
 * One MCP tool: its name, a description written for a model, the JSON Schema of its arguments
 * and what it does. A handler answers JSON or throws the API's own error, which the client gets
 * as a tool error with its code.
 */
public record Tool(String name, String description, ObjectNode schema, Handler handler) {

  /** A tool's body. */
  @FunctionalInterface
  public interface Handler {
    JsonNode call(Call call) throws ApiError;
  }

  /**
   * A call as a handler sees it: the caller's token scope, its MCP session, and the arguments,
   * already checked against the schema's names (not their types: the route checks those).
   */
  public record Call(Scope scope, McpSessions.Session session, ObjectNode args) {}
}
