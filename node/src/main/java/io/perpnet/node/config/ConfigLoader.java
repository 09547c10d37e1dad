package io.perpnet.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.perpnet.consensus.commitment.AgentLimits;
import io.perpnet.consensus.identity.Base58;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves every {@link Setting}: the command line first, then {@code PERP_*} environment
 * variables, then the TOML config file, then the default. An unknown file key or {@code PERP_*}
 * variable is refused with its name, as an unknown flag is; a value that does not parse is
 * refused with the setting's name and where the value came from. Relative paths from the file
 * are relative to the file's directory; from flags or the environment, to the working directory.
 */
public final class ConfigLoader {
  private record Value(String text, List<String> items, String source, Path base) {}

  private final Map<String, Value> values = new HashMap<>();

  private ConfigLoader() {}

  /**
   * @param flags setting key to the flag's text (lists comma-separated)
   * @param environment the process environment
   * @param file the config file, if one was given
   */
  public static NodeConfig load(final Map<String, String> flags, final Map<String, String> environment,
      final Optional<Path> file) throws ConfigException {
    final ConfigLoader l = new ConfigLoader();
    if (file.isPresent()) {
      l.readFile(file.get());
    }
    l.readEnvironment(environment);
    for (final Map.Entry<String, String> f : flags.entrySet()) {
      final Setting s = Settings.BY_KEY.get(f.getKey());
      if (s == null) {
        throw new ConfigException("unknown flag --" + f.getKey());
      }
      l.values.put(s.key(), text(s, f.getValue(), "flag " + s.flag(), Path.of("")));
    }
    return l.build();
  }

  private static Value text(final Setting s, final String text, final String source, final Path base) {
    final List<String> items = s.list()
        ? Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList() : List.of();
    return new Value(text.trim(), items, source, base);
  }

  private void readFile(final Path file) throws ConfigException {
    final JsonNode root;
    try {
      root = new TomlMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage());
    }
    final Path base = file.toAbsolutePath().getParent();
    for (final Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      final Map.Entry<String, JsonNode> e = it.next();
      final Setting s = Settings.BY_KEY.get(e.getKey());
      final String source = "key " + e.getKey() + " in " + file;
      if (s == null) {
        throw new ConfigException("unknown key '" + e.getKey() + "' in " + file + " (settings: " + keys() + ")");
      }
      final JsonNode v = e.getValue();
      if (v.isObject()) {
        throw new ConfigException(source + " is a table; settings are plain keys");
      }
      if (v.isArray() != s.list()) {
        throw new ConfigException(source + (s.list() ? " must be an array" : " must be a single value, not an array"));
      }
      if (v.isArray()) {
        final List<String> items = new ArrayList<>();
        v.forEach(item -> items.add(item.asText()));
        values.put(s.key(), new Value(String.join(",", items), items, source, base));
      } else {
        values.put(s.key(), new Value(v.asText(), List.of(), source, base));
      }
    }
  }

  private void readEnvironment(final Map<String, String> env) throws ConfigException {
    final Map<String, Setting> byVariable = new HashMap<>();
    Settings.ALL.forEach(s -> byVariable.put(s.environmentVariable(), s));
    for (final Map.Entry<String, String> e : env.entrySet()) {
      if (!e.getKey().startsWith("PERP_")) {
        continue;
      }
      final Setting s = byVariable.get(e.getKey());
      if (s == null) {
        throw new ConfigException("unknown environment variable " + e.getKey() + " (settings: " + keys() + ")");
      }
      values.put(s.key(), text(s, e.getValue(), "environment variable " + e.getKey(), Path.of("")));
    }
  }

  private static String keys() {
    return String.join(", ", Settings.ALL.stream().map(Setting::key).toList());
  }

  // ---- typed values ----------------------------------------------------------------------------

  private Value value(final Setting s) throws ConfigException {
    final Value v = values.get(s.key());
    if (v != null) {
      return v;
    }
    if (s.required()) {
      throw new ConfigException("missing setting " + s.key() + ": give " + s.flag() + ", " + s.environmentVariable()
          + " or " + s.key() + " in the config file");
    }
    return text(s, s.defaultValue(), "the default", Path.of(""));
  }

  private ConfigException invalid(final Setting s, final Value v, final String why) {
    return new ConfigException("invalid " + s.key() + " from " + v.source() + ": '" + v.text() + "' " + why);
  }

  private Path path(final Setting s) throws ConfigException {
    final Value v = value(s);
    if (v.text().isEmpty()) {
      throw invalid(s, v, "is empty");
    }
    return v.base().resolve(v.text()).normalize();
  }

  private List<Multiaddr> multiaddrs(final Setting s) throws ConfigException {
    final Value v = value(s);
    final List<Multiaddr> out = new ArrayList<>();
    for (final String item : v.items()) {
      try {
        out.add(Multiaddr.parse(item));
      } catch (IllegalArgumentException e) {
        throw invalid(s, v, "is not a multiaddr: " + e.getMessage());
      }
    }
    return out;
  }

  /** Bootstrap peers: each a multiaddr ending in exactly one /p2p/<peer id>. */
  private List<Multiaddr> bootstrap() throws ConfigException {
    final List<Multiaddr> out = multiaddrs(Settings.BOOTSTRAP);
    for (final Multiaddr a : out) {
      if (a.peerId().isEmpty() || a.withoutPeerId().peerId().isPresent()) {
        throw invalid(Settings.BOOTSTRAP, value(Settings.BOOTSTRAP), "has " + a
            + ", which does not end in exactly one /p2p/<peer id>");
      }
    }
    return out;
  }

  private URI url(final Setting s, final String... schemes) throws ConfigException {
    final Value v = value(s);
    try {
      final URI u = new URI(v.text());
      if (u.getHost() == null || !List.of(schemes).contains(String.valueOf(u.getScheme()))) {
        throw invalid(s, v, "is not a " + String.join(" or ", schemes) + " URL with a host");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw invalid(s, v, "is not a URL: " + e.getMessage());
    }
  }

  private byte[] address(final Setting s) throws ConfigException {
    final Value v = value(s);
    try {
      final byte[] b = Base58.decode(v.text());
      if (b.length != 32) {
        throw invalid(s, v, "is " + b.length + " bytes, an address is 32");
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw invalid(s, v, "is not base58: " + e.getMessage());
    }
  }

  private long whole(final Setting s, final long min, final long max) throws ConfigException {
    final Value v = value(s);
    try {
      final long n = Long.parseLong(v.text());
      if (n < min || n > max) {
        throw invalid(s, v, "is outside " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(s, v, "is not a whole number");
    }
  }

  /** A decimal string to base units with {@code decimals} places, exactly (no rounding). */
  private long decimal(final Setting s, final int decimals) throws ConfigException {
    final Value v = value(s);
    try {
      final BigDecimal d = new BigDecimal(v.text());
      if (d.signum() < 0 || d.scale() > decimals) {
        throw invalid(s, v, "must be a non-negative decimal with at most " + decimals + " places");
      }
      return d.movePointRight(decimals).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(s, v, "is not a decimal that fits");
    }
  }

  private NodeConfig build() throws ConfigException {
    final Value rolesValue = value(Settings.ROLES);
    final Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
    for (final String r : rolesValue.items()) {
      roles.add(NodeRole.parse(r).orElseThrow(() -> invalid(Settings.ROLES, rolesValue, "names an unknown role '" + r
          + "' (roles: " + String.join(", ", java.util.Arrays.stream(NodeRole.values()).map(NodeRole::label).toList())
          + ")")));
    }
    final Value format = value(Settings.LOG_FORMAT);
    final NodeConfig.LogFormat logFormat;
    try {
      logFormat = NodeConfig.LogFormat.valueOf(format.text().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(Settings.LOG_FORMAT, format, "is neither text nor json");
    }
    final Value quotes = value(Settings.MAKER_QUOTES);
    if (!List.of("auto", "agent").contains(quotes.text())) {
      throw invalid(Settings.MAKER_QUOTES, quotes, "is neither auto nor agent");
    }
    final AgentLimits limits = new AgentLimits((int) whole(Settings.MAX_LEVERAGE, 1, 1000),
        decimal(Settings.MAX_POSITION_NOTIONAL, 6), (int) whole(Settings.MAX_OPEN_POSITIONS, 0, 1_000_000));
    return new NodeConfig(path(Settings.KEY_FILE), path(Settings.DATA_DIR), multiaddrs(Settings.LISTEN),
        bootstrap(), url(Settings.RPC_URL, "http", "https"), url(Settings.WS_URL, "ws", "wss"),
        address(Settings.PROGRAM_ID), address(Settings.USDC_MINT), value(Settings.MARKETS).items(), roles, limits,
        (int) whole(Settings.MAKER_SPREAD_BPS, 0, 9_999), quotes.text().equals("agent"), whole(Settings.PRIORITY_FEE, 0, Long.MAX_VALUE), logFormat,
        hostPort(Settings.METRICS_LISTEN), api(), roleConfig(), new RiskConfig(decimal(Settings.MAX_DAILY_LOSS, 6),
            (int) whole(Settings.LOSS_STREAK, 1, 1_000), whole(Settings.LOSS_STREAK_COOLDOWN_MS, 0, 86_400_000),
            whole(Settings.BIG_LOSS_PAUSE_MS, 0, 86_400_000), (int) whole(Settings.OVERSIZE_FACTOR, 0, 1_000),
            decimal(Settings.MAX_MARKET_EXPOSURE, 6)));
  }

  private RoleConfig roleConfig() throws ConfigException {
    final Value source = value(Settings.ORACLE_SOURCE);
    final RoleConfig.Source kind;
    try {
      kind = RoleConfig.Source.valueOf(source.text().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw invalid(Settings.ORACLE_SOURCE, source, "is not simulated, replay, coinbase, hyperliquid or hyperliquid-mark");
    }
    final Value location = value(Settings.ORACLE_SOURCE_LOCATION);
    if (kind == RoleConfig.Source.REPLAY && location.text().isEmpty()) {
      throw invalid(Settings.ORACLE_SOURCE_LOCATION, location, "is empty: a replay needs its file");
    }
    final String where = kind == RoleConfig.Source.REPLAY ? path(Settings.ORACLE_SOURCE_LOCATION).toString()
        : location.text();
    final Value pricesValue = value(Settings.ORACLE_SIM_PRICES);
    final Map<String, Long> prices = new java.util.HashMap<>();
    for (final String item : pricesValue.items()) {
      final int eq = item.indexOf('=');
      try {
        final BigDecimal d = new BigDecimal(item.substring(eq + 1).strip());
        if (eq <= 0 || d.signum() <= 0 || d.scale() > 6) {
          throw new NumberFormatException();
        }
        prices.put(item.substring(0, eq).strip(), d.movePointRight(6).longValueExact());
      } catch (NumberFormatException | ArithmeticException | StringIndexOutOfBoundsException e) {
        throw invalid(Settings.ORACLE_SIM_PRICES, pricesValue, "has '" + item + "', not SYMBOL=price (a positive decimal)");
      }
    }
    final RoleConfig.Oracle oracle = new RoleConfig.Oracle(kind, where, whole(Settings.ORACLE_SIM_SEED, Long.MIN_VALUE,
        Long.MAX_VALUE), (int) whole(Settings.ORACLE_SIM_VOLATILITY_BPS, 0, 1_000),
        (int) whole(Settings.ORACLE_SIM_JUMP_BPS, 0, 5_000), whole(Settings.ORACLE_SIM_JUMP_EVERY, 0, 1_000_000), prices,
        whole(Settings.ORACLE_INTERVAL_MS, 100, 3_600_000), (int) whole(Settings.ORACLE_MOVE_BPS, 1, 10_000),
        (int) whole(Settings.ORACLE_MAX_JUMP_BPS, 1, 10_000), whole(Settings.ORACLE_MAX_SOURCE_AGE_MS, 1, 3_600_000),
        whole(Settings.ORACLE_SOURCE_TIMEOUT_MS, 1, 60_000));
    return new RoleConfig(oracle, new RoleConfig.Liquidator(whole(Settings.LIQUIDATOR_MAX_PRIORITY_FEE, 0,
        1_000_000_000), (int) whole(Settings.LIQUIDATOR_COMPUTE_MARGIN, 0, 1_000)),
        new RoleConfig.Keeper(decimal(Settings.KEEPER_FUNDING_THRESHOLD, 6), whole(Settings.KEEPER_INTERVAL_MS, 100,
            3_600_000)));
  }

  private ApiConfig api() throws ConfigException {
    final Value remote = value(Settings.API_ALLOW_REMOTE);
    if (!remote.text().equals("true") && !remote.text().equals("false")) {
      throw invalid(Settings.API_ALLOW_REMOTE, remote, "is neither true nor false");
    }
    final Optional<InetSocketAddress> listen = hostPort(Settings.API_LISTEN);
    if (listen.isPresent() && remote.text().equals("false") && !loopback(listen.get().getHostString())) {
      throw invalid(Settings.API_LISTEN, value(Settings.API_LISTEN),
          "is not a loopback address: the API moves money; set api-allow-remote = true to mean it");
    }
    return new ApiConfig(listen, remote.text().equals("true"), value(Settings.API_HOSTS).items(),
        value(Settings.API_CORS_ORIGINS).items(), (int) whole(Settings.API_RATE, 1, 100_000),
        (int) whole(Settings.API_BURST, 1, 100_000));
  }

  private static boolean loopback(final String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }

  private Optional<InetSocketAddress> hostPort(final Setting setting) throws ConfigException {
    final Setting s = setting;
    final Value v = value(s);
    if (v.text().isEmpty()) {
      return Optional.empty();
    }
    final int colon = v.text().lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw invalid(s, v, "is not host:port");
      }
      final int port = Integer.parseInt(v.text().substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw invalid(s, v, "has a port outside 0..65535");
      }
      return Optional.of(InetSocketAddress.createUnresolved(v.text().substring(0, colon), port));
    } catch (NumberFormatException e) {
      throw invalid(s, v, "has a port that is not a number");
    }
  }
}
