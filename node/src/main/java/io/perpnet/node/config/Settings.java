package io.perpnet.node.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every setting of {@code perp node run}, in the order the docs and the example config list them. */
public final class Settings {
  public static final Setting KEY_FILE = Setting.of("key-file", null, "the agent's key file (Solana CLI format)");
  public static final Setting DATA_DIR = Setting.of("data-dir", "perp-data", "where the node keeps its RocksDB store");
  public static final Setting LISTEN = Setting.listOf("listen", List.of("/ip4/127.0.0.1/tcp/0"),
      "TCP multiaddrs to listen on for peers");
  public static final Setting BOOTSTRAP = Setting.listOf("bootstrap", List.of(),
      "peers to stay connected to, each /ip4/.../tcp/.../p2p/<id>");
  public static final Setting RPC_URL = Setting.of("rpc-url", "http://127.0.0.1:8899", "Solana JSON-RPC over HTTP");
  public static final Setting WS_URL = Setting.of("ws-url", "ws://127.0.0.1:8900", "Solana JSON-RPC PubSub over WebSocket");
  public static final Setting PROGRAM_ID = Setting.of("program-id", null, "the escrow program's address (base58)");
  public static final Setting USDC_MINT = Setting.of("usdc-mint", null, "the collateral mint's address (base58)");
  public static final Setting MARKETS = Setting.listOf("markets", List.of(), "markets the node follows, e.g. BTC-PERP");
  public static final Setting ROLES = Setting.listOf("roles", List.of("trader"), "what the node does: trader, maker, oracle, liquidator, keeper");
  public static final Setting MAX_LEVERAGE = Setting.of("max-leverage", "10", "the most leverage the agent trades at");
  public static final Setting MAX_POSITION_NOTIONAL = Setting.of("max-position-notional", "10000",
      "the largest notional of one position, USDC as a decimal string");
  public static final Setting MAX_OPEN_POSITIONS = Setting.of("max-open-positions", "10",
      "positions (and reservations) open at once");
  public static final Setting MAX_MARKET_EXPOSURE = Setting.of("max-market-exposure", "50000",
      "USDC: our positions' notional in one market, with a new intent's, at most");
  public static final Setting MAX_DAILY_LOSS = Setting.of("max-daily-loss", "1000",
      "USDC the agent may lose in a UTC day; beyond it new trades pause until the next day");
  public static final Setting LOSS_STREAK = Setting.of("loss-streak", "3",
      "losing closes in a row that pause new trades for loss-streak-cooldown-ms");
  public static final Setting LOSS_STREAK_COOLDOWN_MS = Setting.of("loss-streak-cooldown-ms", "900000",
      "the pause after a losing streak");
  public static final Setting BIG_LOSS_PAUSE_MS = Setting.of("big-loss-pause-ms", "3600000",
      "the pause after one close loses more than half of its margin");
  public static final Setting OVERSIZE_FACTOR = Setting.of("oversize-factor", "5",
      "an intent above this many times the agent's usual notional needs \"confirm\": true (0: never)");
  public static final Setting MAKER_SPREAD_BPS = Setting.of("maker-spread-bps", "10",
      "a maker's quotes: this many basis points from the oracle price, against the trader");
  public static final Setting MAKER_QUOTES = Setting.of("maker-quotes", "auto",
      "auto: a maker quotes every intent at maker-spread-bps; agent: only what its agent sends (POST /v1/quotes)");
  public static final Setting PRIORITY_FEE = Setting.of("priority-fee", "0",
      "compute-unit price of our transactions, micro-lamports");
  public static final Setting LOG_FORMAT = Setting.of("log-format", "text", "text, or json (one object per line)");
  public static final Setting METRICS_LISTEN = Setting.of("metrics-listen", "127.0.0.1:9464",
      "host:port of the Prometheus endpoint; empty for none");
  public static final Setting API_LISTEN = Setting.of("api-listen", "127.0.0.1:7300",
      "host:port of the agent API (REST and WebSocket); empty for none");
  public static final Setting API_ALLOW_REMOTE = Setting.of("api-allow-remote", "false",
      "true lets api-listen be other than a loopback address (the node warns)");
  public static final Setting API_HOSTS = Setting.listOf("api-hosts", List.of("localhost", "127.0.0.1", "[::1]"),
      "Host header values the API accepts (a guard against DNS rebinding)");
  public static final Setting API_CORS_ORIGINS = Setting.listOf("api-cors-origins", List.of(),
      "origins allowed cross-origin API requests; none: CORS off");
  public static final Setting API_RATE = Setting.of("api-rate", "10", "API requests per second per token, sustained");
  public static final Setting API_BURST = Setting.of("api-burst", "20", "API requests a token may make at once");
  public static final Setting ORACLE_SOURCE = Setting.of("oracle-source", "simulated",
      "an oracle's prices: simulated, replay, coinbase, hyperliquid (mids) or hyperliquid-mark (mark prices)");
  public static final Setting ORACLE_SOURCE_LOCATION = Setting.of("oracle-source-location", "",
      "the replay file, or the exchange's base URL (empty: its public one)");
  public static final Setting ORACLE_SIM_SEED = Setting.of("oracle-sim-seed", "1",
      "the simulated feed's seed (oracles with one seed agree)");
  public static final Setting ORACLE_SIM_PRICES = Setting.listOf("oracle-sim-prices",
      List.of("BTC-PERP=70000", "ETH-PERP=3500", "SOL-PERP=150"), "the simulated markets' centre prices, SYMBOL=decimal");
  public static final Setting ORACLE_SIM_VOLATILITY_BPS = Setting.of("oracle-sim-volatility-bps", "5",
      "the simulated feed's typical move per one-second step");
  public static final Setting ORACLE_SIM_JUMP_BPS = Setting.of("oracle-sim-jump-bps", "200",
      "the size of the simulated feed's jumps (0: none)");
  public static final Setting ORACLE_SIM_JUMP_EVERY = Setting.of("oracle-sim-jump-every", "120",
      "steps between the simulated feed's jump decisions");
  public static final Setting ORACLE_INTERVAL_MS = Setting.of("oracle-interval-ms", "2000",
      "an oracle posts a market's price at least this often");
  public static final Setting ORACLE_MOVE_BPS = Setting.of("oracle-move-bps", "20",
      "an oracle posts at once on a larger move than this");
  public static final Setting ORACLE_MAX_JUMP_BPS = Setting.of("oracle-max-jump-bps", "1000",
      "a larger move than this is signed only once a second reading confirms it");
  public static final Setting ORACLE_MAX_SOURCE_AGE_MS = Setting.of("oracle-max-source-age-ms", "5000",
      "a source reading older than this is never signed");
  public static final Setting ORACLE_SOURCE_TIMEOUT_MS = Setting.of("oracle-source-timeout-ms", "2000",
      "how long an HTTP price source may take to answer");
  public static final Setting LIQUIDATOR_MAX_PRIORITY_FEE = Setting.of("liquidator-max-priority-fee", "100000",
      "the most a liquidation bids per compute unit, micro-lamports");
  public static final Setting LIQUIDATOR_COMPUTE_MARGIN = Setting.of("liquidator-compute-margin", "20",
      "a liquidation's compute-unit limit: the simulation's units plus this percentage");
  public static final Setting KEEPER_FUNDING_THRESHOLD = Setting.of("keeper-funding-threshold", "1",
      "a keeper settles a position's funding once this much USDC has accrued");
  public static final Setting KEEPER_INTERVAL_MS = Setting.of("keeper-interval-ms", "5000",
      "how often a keeper looks for funding to settle and prices to push");

  public static final List<Setting> ALL = List.of(KEY_FILE, DATA_DIR, LISTEN, BOOTSTRAP, RPC_URL, WS_URL, PROGRAM_ID,
      USDC_MINT, MARKETS, ROLES, MAX_LEVERAGE, MAX_POSITION_NOTIONAL, MAX_OPEN_POSITIONS, MAX_MARKET_EXPOSURE, MAX_DAILY_LOSS,
      LOSS_STREAK,
      LOSS_STREAK_COOLDOWN_MS, BIG_LOSS_PAUSE_MS, OVERSIZE_FACTOR, MAKER_SPREAD_BPS, MAKER_QUOTES, PRIORITY_FEE,
      LOG_FORMAT, METRICS_LISTEN, API_LISTEN, API_ALLOW_REMOTE, API_HOSTS, API_CORS_ORIGINS, API_RATE, API_BURST,
      ORACLE_SOURCE, ORACLE_SOURCE_LOCATION, ORACLE_SIM_SEED, ORACLE_SIM_PRICES, ORACLE_SIM_VOLATILITY_BPS,
      ORACLE_SIM_JUMP_BPS, ORACLE_SIM_JUMP_EVERY, ORACLE_INTERVAL_MS, ORACLE_MOVE_BPS, ORACLE_MAX_JUMP_BPS,
      ORACLE_MAX_SOURCE_AGE_MS, ORACLE_SOURCE_TIMEOUT_MS, LIQUIDATOR_MAX_PRIORITY_FEE, LIQUIDATOR_COMPUTE_MARGIN,
      KEEPER_FUNDING_THRESHOLD, KEEPER_INTERVAL_MS);

  static final Map<String, Setting> BY_KEY = ALL.stream().collect(Collectors.toMap(Setting::key, Function.identity()));

  private Settings() {}
}
