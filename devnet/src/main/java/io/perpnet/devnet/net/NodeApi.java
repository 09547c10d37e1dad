package io.perpnet.devnet.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A devnet node's agent API, with its full-scope token: what status and up's first trade use. */
public final class NodeApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;
  private final Path tokenFile;

  public NodeApi(final String apiUrl, final Path tokenFile) {
    this.base = apiUrl;
    this.tokenFile = tokenFile;
  }

  /** An API answer that is not 200: its status and the API's error body. */
  public static final class ApiException extends IOException {
    public final int status;
    public final JsonNode body;

    ApiException(final String what, final int status, final JsonNode body) {
      super(what + ": " + status + " " + body.path("code").asText() + ": " + body.path("message").asText());
      this.status = status;
      this.body = body;
    }
  }

  public JsonNode get(final String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), "GET " + path);
  }

  public JsonNode post(final String path, final String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), "POST " + path);
  }

  private JsonNode send(final HttpRequest.Builder b, final String what) throws IOException, InterruptedException {
    final String token = Files.readString(tokenFile).strip();
    final HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
        .build(), HttpResponse.BodyHandlers.ofString());
    final JsonNode body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    if (r.statusCode() != 200) {
      throw new ApiException(what, r.statusCode(), body);
    }
    return body;
  }
}
