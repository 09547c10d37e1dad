package io.perpnet.node.api.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.node.api.http.ApiHandler;
import java.nio.charset.StandardCharsets;

/** The JSON-RPC 2.0 answers the transport writes itself (the SDK's server writes the rest). */
final class JsonRpc {
  private JsonRpc() {}

  /** {@code {"jsonrpc":"2.0","id":id,"error":{"code","message"}}}; a null id where the request's is not known. */
  static byte[] error(final Object id, final int code, final String message) {
    final ObjectNode o = head(id);
    o.putObject("error").put("code", code).put("message", message);
    return bytes(o);
  }

  /** {@code {"jsonrpc":"2.0","id":id,"result":{}}}. */
  static byte[] result(final Object id) {
    final ObjectNode o = head(id);
    o.putObject("result");
    return bytes(o);
  }

  private static ObjectNode head(final Object id) {
    final ObjectNode o = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
    o.set("id", ApiHandler.JSON.valueToTree(id));
    return o;
  }

  private static byte[] bytes(final ObjectNode o) {
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }
}
