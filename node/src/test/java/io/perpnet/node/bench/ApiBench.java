package io.perpnet.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpnet.consensus.message.Side;
import io.perpnet.node.api.auth.Scope;
import io.perpnet.node.e2e.ChainScene;
import io.perpnet.node.rfq.TraderDesk;
import io.perpnet.node.rfq.TraderEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the agent API adds: a trader and a maker node on the devnet validator; alternately, an
 * intent placed through the facade (the core: placed to countersigned match) and one placed with
 * {@code POST /v1/intents} until its {@code match} event arrives on the WebSocket. Prints p50 and
 * p99 of both and their difference. First-acceptable mode, 0.001 BTC each; every match also opens
 * a position on chain, and the next trade waits until both nodes' submissions are done, so either
 * way starts on quiet cores. Also printed: how long {@code place()} and {@code POST /v1/intents}
 * take to return, and a {@code GET /v1/risk} round trip (the HTTP stack alone). The agent's side is
 * {@link RawClient}, a blocking socket each for REST and the WebSocket, read on the measuring
 * thread, so the figure is the node's and not a client library's thread hops (the JDK client's
 * round trip is printed beside it).
 *
 * <pre>./mvnw -q -pl node -Pbench test-compile exec:exec -Dbench.main=io.perpnet.node.bench.ApiBench -Dbench.args="--trades 200"</pre>
 */
public final class ApiBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiBench() {}

  public static void main(final String[] args) throws Exception {
    int trades = 200;
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--trades")) {
        trades = Integer.parseInt(args[i + 1]);
      } else {
        throw new IllegalArgumentException("options: --trades N");
      }
    }
    final int warmup = 30;
    try (ChainScene s = new ChainScene(Files.createTempDirectory("api-bench"), Optional.empty(),
        2 * (trades + warmup) + 10)) {
      follow(s);
      final var api = s.trader.api().orElseThrow();
      final String base = "http://127.0.0.1:" + api.address().getPort() + "/v1";
      final String token = api.tokens().token(Scope.TRADE);
      final HttpClient http = HttpClient.newHttpClient();
      final int port = api.address().getPort();
      final RawClient rest = new RawClient(port, token);
      final RawClient ws = new RawClient(port, token);
      ws.upgrade("/v1/ws");
      ws.sendText("{\"op\":\"subscribe\",\"channels\":[\"match\"],\"after\":" + (s.trader.store().nextSequence() - 1)
          + "}");
      final long[] core = new long[trades];
      final long[] viaApi = new long[trades];
      final long[] post = new long[trades];
      final long[] place = new long[trades];
      final long[] health = new long[trades];
      final long[] jdk = new long[trades];
      for (int i = -warmup; i < trades; i++) {
        final long t0 = System.nanoTime();
        final var placed = s.trader.trader().place(new TraderEngine.IntentRequest(1, Side.LONG, 100_000L,
            2 * ChainScene.PRICE, 0, 10_000, 10, 30_000, 30_000, true, 60_000)).get(10, TimeUnit.SECONDS);
        final long tPlaced = System.nanoTime();
        if (!(placed.fills().get(30, TimeUnit.SECONDS).getFirst() instanceof TraderDesk.Outcome.Matched m)) {
          throw new IllegalStateException("no match through the facade");
        }
        final long t1core = System.nanoTime();
        settled(s, m.match().hash());
        final long tj = System.nanoTime();
        http.send(HttpRequest.newBuilder(URI.create(base + "/risk")).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
        final long tj2 = System.nanoTime();
        final long th = System.nanoTime();
        rest.request("GET", "/v1/risk", null);
        final long th2 = System.nanoTime();
        final long t1 = System.nanoTime();
        final String[] r = rest.request("POST", "/v1/intents", "{\"market\":\"BTC-PERP\",\"side\":\"long\","
            + "\"size\":\"0.001\",\"limitPrice\":\"134000\",\"firstAcceptable\":true,\"quoteWindowMs\":30000,"
            + "\"lifetimeMs\":30000}");
        if (!r[0].equals("200")) {
          throw new IllegalStateException("POST /v1/intents: " + r[1]);
        }
        final long tPosted = System.nanoTime();
        final String id = JSON.readTree(r[1]).path("id").asText();
        String matchId;
        while (true) { // read on this thread: no hand-over between threads in the client
          final JsonNode e = JSON.readTree(ws.nextText());
          if (e.path("kind").asText().equals("match.countersigned") && e.path("data").path("intentId").asText()
              .equals(id)) {
            matchId = e.path("data").path("id").asText();
            break;
          }
        }
        final long t2 = System.nanoTime();
        settled(s, io.perpnet.consensus.codec.Bytes32.fromHex(matchId));
        if (i >= 0) {
          core[i] = t1core - t0;
          viaApi[i] = t2 - t1;
          post[i] = tPosted - t1;
          place[i] = tPlaced - t0;
          health[i] = th2 - th;
          jdk[i] = tj2 - tj;
        }
      }
      ws.close();
      rest.close();
      Arrays.sort(jdk);
      Arrays.sort(core);
      Arrays.sort(viaApi);
      Arrays.sort(post);
      Arrays.sort(place);
      Arrays.sort(health);
      System.out.printf("%d trades each way, after %d of warm-up (first acceptable, 0.001 BTC):%n", trades, warmup);
      System.out.printf("  core (facade: place to countersigned match)   p50 %.2f ms, p99 %.2f ms%n",
          ms(core[trades / 2]), ms(core[trades * 99 / 100]));
      System.out.printf("  of which place() returned                     p50 %.2f ms, p99 %.2f ms%n",
          ms(place[trades / 2]), ms(place[trades * 99 / 100]));
      System.out.printf("  API (POST /v1/intents to the match event)     p50 %.2f ms, p99 %.2f ms%n",
          ms(viaApi[trades / 2]), ms(viaApi[trades * 99 / 100]));
      System.out.printf("  of which POST /v1/intents answered           p50 %.2f ms, p99 %.2f ms%n",
          ms(post[trades / 2]), ms(post[trades * 99 / 100]));
      System.out.printf("  GET /v1/risk, a round trip doing nothing      p50 %.2f ms, p99 %.2f ms%n",
          ms(health[trades / 2]), ms(health[trades * 99 / 100]));
      System.out.printf("  the same with the JDK's HttpClient            p50 %.2f ms, p99 %.2f ms%n",
          ms(jdk[trades / 2]), ms(jdk[trades * 99 / 100]));
      System.out.printf("  the API adds                                   p50 %.2f ms, p99 %.2f ms%n",
          ms(viaApi[trades / 2] - core[trades / 2]), ms(viaApi[trades * 99 / 100] - core[trades * 99 / 100]));
    }
  }

  /** Per node: a future per match id, completed by its position.opened event. */
  private static final java.util.List<java.util.Map<String, java.util.concurrent.CompletableFuture<Void>>> OPENED =
      java.util.List.of(new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>());

  private static void follow(final ChainScene s) {
    for (int n = 0; n < 2; n++) {
      final var opened = OPENED.get(n);
      (n == 0 ? s.trader : s.maker).store().addListener(e -> {
        if (e.kind().equals("position.opened")) {
          opened.computeIfAbsent(new String(e.payload(), 0, 64, java.nio.charset.StandardCharsets.US_ASCII),
              k -> new java.util.concurrent.CompletableFuture<>()).complete(null);
        }
      });
    }
  }

  /** Both nodes saw the match's position open, so the next trade starts on quiet cores whichever way it goes. */
  private static void settled(final ChainScene s, final io.perpnet.consensus.codec.Bytes32 match) throws Exception {
    for (final var opened : OPENED) {
      opened.computeIfAbsent(match.toHex(), k -> new java.util.concurrent.CompletableFuture<>()).get(60,
          TimeUnit.SECONDS);
    }
  }

  private static double ms(final long nanos) {
    return nanos / 1e6;
  }
}
