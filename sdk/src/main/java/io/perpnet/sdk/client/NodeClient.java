package io.perpnet.sdk.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.perpnet.sdk.model.Agent;
import io.perpnet.sdk.model.Alert;
import io.perpnet.sdk.model.Balance;
import io.perpnet.sdk.model.CloseResult;
import io.perpnet.sdk.model.Health;
import io.perpnet.sdk.model.IntentRequest;
import io.perpnet.sdk.model.Intent;
import io.perpnet.sdk.model.LiquidationStats;
import io.perpnet.sdk.model.Market;
import io.perpnet.sdk.model.Match;
import io.perpnet.sdk.model.Peer;
import io.perpnet.sdk.model.PlacedIntent;
import io.perpnet.sdk.model.Portfolio;
import io.perpnet.sdk.model.Position;
import io.perpnet.sdk.model.PositionHealth;
import io.perpnet.sdk.model.Price;
import io.perpnet.sdk.model.Quote;
import io.perpnet.sdk.model.QuoteRequest;
import io.perpnet.sdk.model.RiskLimits;
import io.perpnet.sdk.model.RiskState;
import io.perpnet.sdk.model.Transaction;
import io.perpnet.sdk.stream.EventPage;
import io.perpnet.sdk.stream.EventStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of a node's agent API as a typed method (the node's {@code /v1/openapi.json} is the
 * reference; {@code NodeClientRoutesTest} keeps the two in step). Methods block, are safe to call
 * from any thread, and throw {@link ApiException} (typed by the API's code) on a refusal.
 */
public final class NodeClient {
  /** The routes this client covers, as the node's OpenAPI document names them. */
  public static final List<String> ROUTES = List.of("GET /v1/health", "GET /v1/agent", "GET /v1/peers",
      "GET /v1/balance", "GET /v1/portfolio", "POST /v1/deposit", "POST /v1/withdraw", "POST /v1/transfer",
      "GET /v1/markets", "GET /v1/prices", "GET /v1/prices/{market}", "POST /v1/intents", "GET /v1/intents",
      "GET /v1/intents/{id}", "DELETE /v1/intents/{id}", "GET /v1/trade-requests", "GET /v1/quotes",
      "POST /v1/quotes", "GET /v1/matches", "GET /v1/matches/{id}", "GET /v1/positions", "GET /v1/positions/{id}",
      "GET /v1/positions/{id}/health", "POST /v1/positions/{id}/close", "POST /v1/positions/{id}/stop-loss",
      "POST /v1/positions/{id}/take-profit", "GET /v1/events", "GET /v1/risk", "PUT /v1/risk/limits",
      "POST /v1/risk/kill-switch", "POST /v1/deadman", "GET /v1/alerts", "POST /v1/alerts/{id}/ack",
      "GET /v1/fills", "GET /v1/fees", "GET /v1/liquidations", "GET /v1/liquidations/stats",
      "GET /v1/oracle/stats", "GET /v1/openapi.json");

  private final Transport t;

  public NodeClient(final URI baseUrl, final String token, final Duration timeout) {
    this.t = new Transport(baseUrl, token, timeout, 3);
  }

  /** {@code url} like {@code http://127.0.0.1:7300}; the token file as the node wrote it. */
  public static NodeClient connect(final String url, final Path tokenFile) throws IOException {
    return new NodeClient(URI.create(url.endsWith("/") ? url : url + "/"), Files.readString(tokenFile).strip(),
        Duration.ofSeconds(90));
  }

  public URI baseUrl() {
    return t.base();
  }

  /** The node's live events (see {@link EventStream}); not started until {@link EventStream#start()}. */
  public EventStream.Builder stream() {
    return EventStream.builder(t.base(), t.token());
  }

  // -- the agent and the network
  public Health health() throws ApiException {
    return get("v1/health", Health.class);
  }

  public Agent agent() throws ApiException {
    return get("v1/agent", Agent.class);
  }

  public List<Peer> peers() throws ApiException {
    return list("v1/peers", new TypeReference<>() {});
  }

  // -- money
  public Balance balance() throws ApiException {
    return get("v1/balance", Balance.class);
  }

  public Portfolio portfolio() throws ApiException {
    return get("v1/portfolio", Portfolio.class);
  }

  /** The opens and closes of our positions, newest first (the node's default of 100). */
  public List<io.perpnet.sdk.model.FillRecord> fills() throws ApiException {
    return list("v1/fills", new TypeReference<>() {});
  }

  /**
   * Fills of one market (or null: all) and kind (open, close_at_mark, close_mutual, liquidated; or
   * null), at most {@code limit} (1 to 1000), newest first.
   */
  public List<io.perpnet.sdk.model.FillRecord> fills(final String market, final String kind, final int limit)
      throws ApiException {
    final StringBuilder q = new StringBuilder("v1/fills?limit=").append(limit);
    if (market != null) {
      q.append("&market=").append(java.net.URLEncoder.encode(market, java.nio.charset.StandardCharsets.UTF_8));
    }
    if (kind != null) {
      q.append("&kind=").append(java.net.URLEncoder.encode(kind, java.nio.charset.StandardCharsets.UTF_8));
    }
    return list(q.toString(), new TypeReference<>() {});
  }

  /** Fee rates per market, and the fees and funding this node paid and received. */
  public io.perpnet.sdk.model.Fees fees() throws ApiException {
    return get("v1/fees", io.perpnet.sdk.model.Fees.class);
  }

  /** Deposits from our largest USDC token account into the margin account. */
  public Transaction deposit(final BigDecimal amount) throws ApiException {
    return post("v1/deposit", Map.of("amount", amount), Transaction.class);
  }

  public Transaction deposit(final BigDecimal amount, final String fromTokenAccount) throws ApiException {
    return post("v1/deposit", Map.of("amount", amount, "from", fromTokenAccount), Transaction.class);
  }

  public Transaction withdraw(final BigDecimal amount, final String toTokenAccount) throws ApiException {
    return post("v1/withdraw", Map.of("amount", amount, "to", toTokenAccount), Transaction.class);
  }

  /** USDC from our wallet to another agent's address. */
  public Transaction transfer(final BigDecimal amount, final String toAgent) throws ApiException {
    return post("v1/transfer", Map.of("amount", amount, "to", toAgent), Transaction.class);
  }

  // -- markets
  public List<Market> markets() throws ApiException {
    return list("v1/markets", new TypeReference<>() {});
  }

  public List<Price> prices() throws ApiException {
    return list("v1/prices", new TypeReference<>() {});
  }

  public Price price(final String market) throws ApiException {
    return get("v1/prices/" + market, Price.class);
  }

  // -- intents (a trader)
  /** Publishes the intent, collects quotes, accepts; answers at once with the intent (status open). */
  public PlacedIntent place(final IntentRequest intent) throws ApiException {
    return post("v1/intents", intent, PlacedIntent.class);
  }

  public List<PlacedIntent> intents() throws ApiException {
    return list("v1/intents", new TypeReference<>() {});
  }

  public PlacedIntent intent(final String id) throws ApiException {
    return get("v1/intents/" + id, PlacedIntent.class);
  }

  /** The intent once it is no longer open, or as it is after {@code waitMs} (at most 30,000). */
  public PlacedIntent awaitIntent(final String id, final long waitMs) throws ApiException {
    return get("v1/intents/" + id + "?waitMs=" + waitMs, PlacedIntent.class);
  }

  public PlacedIntent cancel(final String intentId) throws ApiException {
    return send("DELETE", "v1/intents/" + intentId, null, PlacedIntent.class);
  }

  // -- quotes (a maker)
  public List<Intent> tradeRequests() throws ApiException {
    return list("v1/trade-requests", new TypeReference<>() {});
  }

  public List<Quote> quotes() throws ApiException {
    return list("v1/quotes", new TypeReference<>() {});
  }

  public Quote quote(final QuoteRequest q) throws ApiException {
    return post("v1/quotes", q, Quote.class);
  }

  // -- matches and positions
  public List<Match> matches() throws ApiException {
    return list("v1/matches", new TypeReference<>() {});
  }

  public Match match(final String id) throws ApiException {
    return get("v1/matches/" + id, Match.class);
  }

  public List<Position> positions() throws ApiException {
    return list("v1/positions", new TypeReference<>() {});
  }

  public Position position(final String id) throws ApiException {
    return get("v1/positions/" + id, Position.class);
  }

  public PositionHealth health(final String positionId) throws ApiException {
    return get("v1/positions/" + positionId + "/health", PositionHealth.class);
  }

  /** Closes at the oracle mark; answers once the chain shows it (at most 60 s). */
  public CloseResult closeAtMark(final String positionId) throws ApiException {
    return post("v1/positions/" + positionId + "/close", Map.of("type", "mark"), CloseResult.class);
  }

  /** Asks the counterparty to close at {@code price}; both sign the close terms. */
  public CloseResult closeMutual(final String positionId, final BigDecimal price) throws ApiException {
    return post("v1/positions/" + positionId + "/close", Map.of("type", "mutual", "price", price), CloseResult.class);
  }

  public Position stopLoss(final String positionId, final BigDecimal price) throws ApiException {
    return post("v1/positions/" + positionId + "/stop-loss", Map.of("price", price), Position.class);
  }

  public Position takeProfit(final String positionId, final BigDecimal price) throws ApiException {
    return post("v1/positions/" + positionId + "/take-profit", Map.of("price", price), Position.class);
  }

  public Position clearStopLoss(final String positionId) throws ApiException {
    return post("v1/positions/" + positionId + "/stop-loss", Map.of("clear", true), Position.class);
  }

  public Position clearTakeProfit(final String positionId) throws ApiException {
    return post("v1/positions/" + positionId + "/take-profit", Map.of("clear", true), Position.class);
  }

  // -- the event log
  public EventPage events(final long after, final int limit) throws ApiException {
    return get("v1/events?after=" + after + "&limit=" + limit, EventPage.class);
  }

  // -- risk
  public RiskState risk() throws ApiException {
    return get("v1/risk", RiskState.class);
  }

  /** Changes the limits given (non-null) and keeps the rest; a full token. */
  public RiskState setLimits(final RiskLimits limits) throws ApiException {
    return send("PUT", "v1/risk/limits", limits, RiskState.class);
  }

  public RiskState killSwitch(final boolean on, final boolean closePositions) throws ApiException {
    return post("v1/risk/kill-switch", Map.of("on", on, "closePositions", closePositions), RiskState.class);
  }

  /** Arms or renews the dead-man switch for {@code timeoutMs} (0 disarms). */
  public RiskState deadman(final long timeoutMs, final boolean closePositions) throws ApiException {
    return post("v1/deadman", Map.of("timeoutMs", timeoutMs, "closePositions", closePositions), RiskState.class);
  }

  public List<Alert> alerts(final boolean all) throws ApiException {
    return list("v1/alerts" + (all ? "?all=true" : ""), new TypeReference<>() {});
  }

  public JsonNode ackAlert(final long seq) throws ApiException {
    return t.send("POST", "v1/alerts/" + seq + "/ack", Map.of());
  }

  // -- the network roles
  /** The liquidations this node's liquidator landed, newest first. */
  public List<io.perpnet.sdk.model.LiquidationRecord> liquidations() throws ApiException {
    return list("v1/liquidations", new TypeReference<>() {});
  }

  public LiquidationStats liquidationStats() throws ApiException {
    return get("v1/liquidations/stats", LiquidationStats.class);
  }

  /** The prices service's figures (its shape: the node's README, {@code GET /v1/oracle/stats}). */
  public JsonNode oracleStats() throws ApiException {
    return t.send("GET", "v1/oracle/stats", null);
  }

  public JsonNode openApi() throws ApiException {
    return t.send("GET", "v1/openapi.json", null);
  }

  // -- plumbing
  private <T> T get(final String path, final Class<T> type) throws ApiException {
    return send("GET", path, null, type);
  }

  private <T> T post(final String path, final Object body, final Class<T> type) throws ApiException {
    return send("POST", path, body instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : body, type);
  }

  private <T> T send(final String method, final String path, final Object body, final Class<T> type)
      throws ApiException {
    return convert(t.send(method, path, body), Json.MAPPER.constructType(type));
  }

  private <T> List<T> list(final String path, final TypeReference<List<T>> type) throws ApiException {
    return convert(t.send("GET", path, null), Json.MAPPER.getTypeFactory().constructType(type));
  }

  private static <T> T convert(final JsonNode tree, final com.fasterxml.jackson.databind.JavaType type)
      throws ApiException {
    try {
      return Json.MAPPER.convertValue(tree, type);
    } catch (IllegalArgumentException e) {
      throw new ApiException("MALFORMED_ANSWER", "the node's answer does not read as " + type + ": "
          + e.getMessage(), 200, false, null);
    }
  }
}
