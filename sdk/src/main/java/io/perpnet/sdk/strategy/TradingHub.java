package io.perpnet.sdk.strategy;

import io.perpnet.sdk.client.ApiException;
import io.perpnet.sdk.client.Json;
import io.perpnet.sdk.client.NodeClient;
import io.perpnet.sdk.model.Balance;
import io.perpnet.sdk.model.CloseResult;
import io.perpnet.sdk.model.Fill;
import io.perpnet.sdk.model.IntentRequest;
import io.perpnet.sdk.model.Match;
import io.perpnet.sdk.model.PlacedIntent;
import io.perpnet.sdk.model.Position;
import io.perpnet.sdk.stream.Event;
import io.perpnet.sdk.stream.EventStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A trader's view of its node in the spirit of seed 001's TradingHub: {@code long_}, {@code short_},
 * {@code close}, {@code positions}, {@code balance}, and callbacks on matches and closes. A trade
 * call blocks until its intent is decided and the positions it opened are on chain.
 */
public final class TradingHub implements AutoCloseable {
  static final long POSITION_WAIT_MS = 60_000;

  private final NodeClient client;
  private final EventStream stream;
  private final Map<String, CompletableFuture<Void>> opening = new ConcurrentHashMap<>();
  private final List<Consumer<Match>> onMatch = new CopyOnWriteArrayList<>();
  private final List<Consumer<Event>> onClose = new CopyOnWriteArrayList<>();

  private TradingHub(final NodeClient client) {
    this.client = client;
    this.stream = client.stream().channels("match", "position_opened", "position_closed").onEvent(this::event)
        .start();
  }

  /** Checks that the node answers with this token (fails fast otherwise), then follows its events. */
  public static TradingHub connect(final String url, final Path tokenFile) throws IOException, ApiException {
    return of(NodeClient.connect(url, tokenFile));
  }

  public static TradingHub of(final NodeClient client) throws ApiException {
    client.agent();
    return new TradingHub(client);
  }

  /** Everything else the API offers. */
  public NodeClient client() {
    return client;
  }

  public Trade long_(final String market, final String size) throws ApiException {
    return trade(IntentRequest.buy(market).size(size).build());
  }

  public Trade short_(final String market, final String size) throws ApiException {
    return trade(IntentRequest.sell(market).size(size).build());
  }

  /** With more terms, e.g. {@code long_("BTC-PERP", "0.01", b -> b.leverage(5).slippageBps(30))}. */
  public Trade long_(final String market, final String size, final UnaryOperator<IntentRequest.Builder> terms)
      throws ApiException {
    return trade(terms.apply(IntentRequest.buy(market).size(size)).build());
  }

  public Trade short_(final String market, final String size, final UnaryOperator<IntentRequest.Builder> terms)
      throws ApiException {
    return trade(terms.apply(IntentRequest.sell(market).size(size)).build());
  }

  /** Places the intent, waits until it is decided, then until each of its matches is open on chain. */
  public Trade trade(final IntentRequest request) throws ApiException {
    PlacedIntent intent = client.place(request);
    while (intent.isOpen()) {
      intent = client.awaitIntent(intent.id(), 30_000);
    }
    final List<Position> opened = new ArrayList<>();
    for (final Fill f : intent.matched()) {
      opened.add(awaitOpen(f.id()));
    }
    return new Trade(intent, List.copyOf(opened));
  }

  private Position awaitOpen(final String matchId) throws ApiException {
    final CompletableFuture<Void> seen = opening.computeIfAbsent(matchId, k -> new CompletableFuture<>());
    try {
      try {
        return client.position(matchId); // opened before we asked
      } catch (ApiException.NotFound notYet) {
        seen.get(POSITION_WAIT_MS, TimeUnit.MILLISECONDS);
        return client.position(matchId);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new ApiException("NOT_OPENED", "match " + matchId + " was not open on chain within "
          + POSITION_WAIT_MS + " ms (GET /v1/matches/" + matchId + " tells its state)", 0, true, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("INTERRUPTED", "interrupted while waiting for " + matchId, 0, true, null);
    } finally {
      opening.remove(matchId);
    }
  }

  public CloseResult close(final String positionId) throws ApiException {
    return client.closeAtMark(positionId);
  }

  /** Closes every open position (of {@code market}, or all when null) at mark. */
  public List<CloseResult> closeAll(final String market) throws ApiException {
    final List<CloseResult> out = new ArrayList<>();
    for (final Position p : positions()) {
      if (market == null || market.equals(p.market())) {
        out.add(close(p.id()));
      }
    }
    return out;
  }

  public List<Position> positions() throws ApiException {
    return client.positions();
  }

  public Balance balance() throws ApiException {
    return client.balance();
  }

  /** Called with every match this node signed, on the stream's thread. */
  public void onMatch(final Consumer<Match> callback) {
    onMatch.add(callback);
  }

  /** Called with every {@code position.closed} event (our positions), on the stream's thread. */
  public void onPositionClosed(final Consumer<Event> callback) {
    onClose.add(callback);
  }

  private void event(final Event e) {
    switch (e.kind()) {
      case "match.countersigned" -> {
        final Match m = Json.MAPPER.convertValue(e.data(), Match.class);
        onMatch.forEach(c -> c.accept(m));
      }
      case "position.opened" -> {
        final CompletableFuture<Void> f = opening.get(e.subjectId());
        if (f != null) {
          f.complete(null);
        }
      }
      case "position.closed" -> onClose.forEach(c -> c.accept(e));
      default -> { }
    }
  }

  public EventStream stream() {
    return stream;
  }

  @Override
  public void close() {
    stream.close();
  }
}
