package io.perpnet.node.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.node.cli.UserError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** The command line's client of a node's API: one call, its JSON answer, or the API's error as a {@link Refused}. */
public final class NodeApi {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  /** The node refused: its code and message. */
  public static final class Refused extends RuntimeException {
    private final String code;

    Refused(final String code, final String message) {
      super(code + ": " + message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  NodeApi(final String node, final Path tokenFile) {
    this.base = URI.create(node.endsWith("/") ? node.substring(0, node.length() - 1) : node);
    try {
      this.token = Files.readString(tokenFile).strip();
    } catch (NoSuchFileException e) {
      throw new UserError("no token file " + tokenFile + " (a node writes them to <data-dir>/api/ at its first start)");
    } catch (IOException e) {
      throw new UserError("cannot read " + tokenFile + ": " + e.getMessage());
    }
  }

  JsonNode get(final String path) {
    return call("GET", path, null);
  }

  JsonNode post(final String path, final ObjectNode body) {
    return call("POST", path, body);
  }

  JsonNode delete(final String path) {
    return call("DELETE", path, null);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private JsonNode call(final String method, final String path, final ObjectNode body) {
    final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1" + path)).timeout(Duration.ofSeconds(90))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    final HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new UserError("no node API at " + base + " (is the node running? --node URL)");
    } catch (IOException e) {
      throw new UserError("the node at " + base + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted");
    }
    final JsonNode answer;
    try {
      answer = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UserError("the node answered " + r.statusCode() + " with no JSON: " + r.body());
    }
    if (r.statusCode() != 200) {
      throw new Refused(answer.path("code").asText("HTTP_" + r.statusCode()), answer.path("message").asText());
    }
    return answer;
  }
}
