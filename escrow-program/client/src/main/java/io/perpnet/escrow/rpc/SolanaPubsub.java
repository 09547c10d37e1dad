package io.perpnet.escrow.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpnet.consensus.identity.Base58;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One connection to the standard Solana PubSub WebSocket (the RPC port + 1 on a validator):
 * account and program subscriptions at confirmed commitment, base64 data. Over java.net.http's
 * WebSocket client; solanaj's has no program subscriptions with filters nor a close callback.
 *
 * <p>A connection does not reconnect: when it ends (closed by either side, an error, a message
 * above {@link #MAX_MESSAGE_BYTES}), {@code onClosed} is told once and every subscription is gone.
 * The owner reconnects, subscribes again and reconciles by reading the accounts, since changes
 * in between are not replayed. Handlers run on the client's thread, in order; keep them quick.
 */
public final class SolanaPubsub implements AutoCloseable {
  /** A notification or response larger than this ends the connection. */
  public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Map<Long, Consumer<JsonNode>> handlers = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Consumer<String> onClosed;
  private volatile WebSocket socket;
  private volatile long pingSentNanos;
  /** The last send: java.net.http's WebSocket takes one at a time, so each waits for the one before. */
  private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

  private SolanaPubsub(final Consumer<String> onClosed) {
    this.onClosed = onClosed;
  }

  /**
   * Connects; the future fails if the endpoint does not answer within {@code timeout}.
   *
   * @param onClosed told once, with the reason, when the connection ends for any reason but {@link #close()}
   */
  public static CompletableFuture<SolanaPubsub> connect(final URI url, final Duration timeout,
      final Consumer<String> onClosed) {
    final SolanaPubsub pubsub = new SolanaPubsub(onClosed);
    return HttpClient.newBuilder().connectTimeout(timeout).build().newWebSocketBuilder().connectTimeout(timeout)
        .buildAsync(url, pubsub.new Listener()).thenApply(ws -> {
          pubsub.socket = ws;
          return pubsub;
        });
  }

  /** Every change of an account of {@code program} that passes the filters: its address and data. */
  public CompletableFuture<Long> programSubscribe(final byte[] program, final List<AccountFilter> filters,
      final Consumer<KeyedAccount> onChange) {
    final ObjectNode config = config();
    final ArrayNode list = config.putArray("filters");
    filters.forEach(f -> list.add(f.json()));
    return subscribe("programSubscribe", List.of(Base58.encode(program), config), value -> onChange.accept(
        new KeyedAccount(Base58.decode(value.path("pubkey").asText()), data(value.path("account")).orElseThrow())));
  }

  /** Every change of one account: its data, or empty when it no longer exists. */
  public CompletableFuture<Long> accountSubscribe(final byte[] address, final Consumer<Optional<byte[]>> onChange) {
    return subscribe("accountSubscribe", List.of(Base58.encode(address), config()), value -> onChange.accept(data(value)));
  }

  private CompletableFuture<Long> subscribe(final String method, final List<Object> params,
      final Consumer<JsonNode> onValue) {
    return request(method, params).thenApply(result -> {
      final long subscription = result.asLong();
      handlers.put(subscription, onValue);
      return subscription;
    });
  }

  private CompletableFuture<JsonNode> request(final String method, final List<Object> params) {
    final long id = ids.incrementAndGet();
    final ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    request.set("params", JSON.valueToTree(params));
    final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    if (ended.get()) {
      pending.remove(id);
      return CompletableFuture.failedFuture(new IOException("the PubSub connection has ended"));
    }
    send(ws -> ws.sendText(request.toString(), true)).exceptionally(e -> {
      pending.remove(id);
      answer.completeExceptionally(e);
      return null;
    });
    return answer;
  }

  /**
   * Liveness: sends a ping, or ends the connection if the last one has had no answer for
   * {@code timeout} (a connection that died without closing is found this way). Call periodically.
   */
  public void ping(final Duration timeout) {
    final long sent = pingSentNanos;
    final WebSocket ws = socket;
    if (ws == null || ended.get()) {
      return;
    }
    if (sent != 0) {
      if (System.nanoTime() - sent > timeout.toNanos()) {
        end("no answer to a ping within " + timeout.toSeconds() + " s");
      }
      return;
    }
    pingSentNanos = System.nanoTime();
    send(w -> w.sendPing(java.nio.ByteBuffer.allocate(0)));
  }

  private synchronized CompletableFuture<?> send(
      final java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> op) {
    final WebSocket ws = socket;
    sends = sends.handle((v, e) -> null).thenCompose(v -> op.apply(ws));
    return sends;
  }

  private static ObjectNode config() {
    return JSON.createObjectNode().put("encoding", "base64").put("commitment", "confirmed");
  }

  private static Optional<byte[]> data(final JsonNode account) {
    return account.isNull() || account.isMissingNode() ? Optional.empty()
        : Optional.of(Base64.getDecoder().decode(account.path("data").path(0).asText()));
  }

  private void dispatch(final String text) {
    final JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      end("unreadable message: " + e.getMessage());
      return;
    }
    final JsonNode id = message.get("id");
    if (id != null && id.canConvertToLong()) {
      final CompletableFuture<JsonNode> answer = pending.remove(id.asLong());
      if (answer != null) {
        final JsonNode error = message.get("error");
        if (error != null) {
          answer.completeExceptionally(new RpcError(error.path("code").asInt(), error.path("message").asText(), null,
              List.of()));
        } else {
          answer.complete(message.path("result"));
        }
      }
      return;
    }
    final JsonNode params = message.path("params");
    final Consumer<JsonNode> handler = handlers.get(params.path("subscription").asLong(-1));
    if (handler != null) {
      handler.accept(params.path("result").path("value"));
    }
  }

  private void end(final String reason) {
    if (ended.compareAndSet(false, true)) {
      final IOException e = new IOException("the PubSub connection ended: " + reason);
      pending.values().forEach(f -> f.completeExceptionally(e));
      pending.clear();
      handlers.clear();
      final WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
      onClosed.accept(reason);
    }
  }

  @Override
  public void close() {
    if (ended.compareAndSet(false, true)) {
      pending.values().forEach(f -> f.completeExceptionally(new IOException("closed")));
      final WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last) {
      if (partial.length() + data.length() > MAX_MESSAGE_BYTES) {
        end("a message above " + MAX_MESSAGE_BYTES + " bytes");
        return null;
      }
      partial.append(data);
      if (last) {
        final String text = partial.toString();
        partial.setLength(0);
        dispatch(text);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(final WebSocket ws, final java.nio.ByteBuffer message) {
      pingSentNanos = 0;
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket ws, final int status, final String reason) {
      end("closed by the server (" + status + (reason.isEmpty() ? "" : " " + reason) + ")");
      return null;
    }

    @Override
    public void onError(final WebSocket ws, final Throwable error) {
      end(String.valueOf(error.getMessage() != null ? error.getMessage() : error));
    }
  }
}
