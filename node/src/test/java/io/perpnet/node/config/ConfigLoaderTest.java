package io.perpnet.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Base58;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String PROGRAM = Base58.encode(new byte[32]);
  private static final String MINT = Base58.encode(filled(7));

  @TempDir
  Path dir;

  private static byte[] filled(final int v) {
    final byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  private Path file(final String toml) throws Exception {
    final Path f = dir.resolve("node.toml");
    Files.writeString(f, toml);
    return f;
  }

  private static Map<String, String> required() {
    return Map.of("key-file", "agent.json", "program-id", PROGRAM, "usdc-mint", MINT);
  }

  @Test
  void theCommandLineBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws Exception {
    final Path f = file("""
        key-file = "keys/agent.json"
        program-id = "%s"
        usdc-mint = "%s"
        max-leverage = 5
        max-open-positions = 3
        markets = ["BTC-PERP", "ETH-PERP"]
        listen = ["/ip4/127.0.0.1/tcp/4001"]
        """.formatted(PROGRAM, MINT));
    final NodeConfig c = ConfigLoader.load(Map.of("max-leverage", "20"),
        Map.of("PERP_MAX_LEVERAGE", "7", "PERP_MAX_OPEN_POSITIONS", "4", "HOME", "/root"), Optional.of(f));
    assertEquals(20, c.limits().maxLeverage(), "flag over environment and file");
    assertEquals(4, c.limits().maxOpenPositions(), "environment over file");
    assertEquals(List.of("BTC-PERP", "ETH-PERP"), c.markets(), "file over default");
    assertEquals(10_000_000_000L, c.limits().maxPositionNotional(), "the default, 10000 USDC in base units");
    assertEquals(dir.resolve("keys/agent.json"), c.keyFile(), "relative to the file's directory");
    assertEquals(Set.of(NodeRole.TRADER), c.roles());
    assertEquals("/ip4/127.0.0.1/tcp/4001", c.listen().getFirst().toString());
    assertEquals(NodeConfig.LogFormat.TEXT, c.logFormat());
    assertEquals(9464, c.metrics().orElseThrow().getPort());
  }

  @Test
  void listsAreCommaSeparatedOnTheCommandLineAndInTheEnvironment() throws Exception {
    final Map<String, String> flags = new java.util.HashMap<>(required());
    flags.put("roles", "trader, maker");
    final NodeConfig c = ConfigLoader.load(flags, Map.of("PERP_MARKETS", "BTC-PERP,SOL-PERP"), Optional.empty());
    assertEquals(Set.of(NodeRole.TRADER, NodeRole.MAKER), c.roles());
    assertEquals(List.of("BTC-PERP", "SOL-PERP"), c.markets());
    assertEquals(Path.of("agent.json"), c.keyFile(), "relative to the working directory");
  }

  @Test
  void unknownNamesAreRefusedWithTheName() throws Exception {
    final Path f = file("key-files = \"typo\"\n");
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(required(), Map.of(), Optional.of(f)))
        .getMessage().startsWith("unknown key 'key-files' in "));
    assertEquals("unknown environment variable PERP_DATADIR (settings: " + String.join(", ",
        Settings.ALL.stream().map(Setting::key).toList()) + ")", assertThrows(ConfigException.class,
        () -> ConfigLoader.load(required(), Map.of("PERP_DATADIR", "x"), Optional.empty())).getMessage());
    assertEquals("unknown flag --colour", assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("colour", "x"), Map.of(), Optional.empty())).getMessage());
  }

  @Test
  void missingAndMalformedValuesNameTheSettingAndWhereTheValueCameFrom() throws Exception {
    assertEquals("missing setting key-file: give --key-file, PERP_KEY_FILE or key-file in the config file",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Map.of(), Optional.empty())).getMessage());
    final Map<String, String> bad = new java.util.HashMap<>(required());
    bad.put("max-position-notional", "10.0000001");
    assertEquals("invalid max-position-notional from flag --max-position-notional: '10.0000001' must be a "
        + "non-negative decimal with at most 6 places", assertThrows(ConfigException.class,
            () -> ConfigLoader.load(bad, Map.of(), Optional.empty())).getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(required(),
        Map.of("PERP_RPC_URL", "ftp://x"), Optional.empty())).getMessage()
        .startsWith("invalid rpc-url from environment variable PERP_RPC_URL: 'ftp://x' is not a http or https URL"));
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("key-file", "k",
        "program-id", "abc", "usdc-mint", MINT), Map.of(), Optional.empty())).getMessage()
        .startsWith("invalid program-id from flag --program-id: 'abc' is "));
    final Path f = file("markets = \"BTC-PERP\"\n");
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(required(), Map.of(), Optional.of(f)))
        .getMessage().endsWith("must be an array"));
    final Path t = file("[limits]\nmax-leverage = 3\n");
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(required(), Map.of(), Optional.of(t)))
        .getMessage().startsWith("unknown key 'limits'"));
    final Map<String, String> role = new java.util.HashMap<>(required());
    role.put("roles", "trader,oracel");
    assertEquals("invalid roles from flag --roles: 'trader,oracel' names an unknown role 'oracel' (roles: trader, "
        + "maker, oracle, liquidator, keeper)", assertThrows(ConfigException.class,
            () -> ConfigLoader.load(role, Map.of(), Optional.empty())).getMessage());
    final Map<String, String> quotes = new java.util.HashMap<>(required());
    quotes.put("maker-quotes", "manual");
    assertEquals("invalid maker-quotes from flag --maker-quotes: 'manual' is neither auto nor agent",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(quotes, Map.of(), Optional.empty())).getMessage());
    quotes.put("maker-quotes", "agent");
    assertTrue(ConfigLoader.load(quotes, Map.of(), Optional.empty()).agentQuotes());
    assertFalse(ConfigLoader.load(required(), Map.of(), Optional.empty()).agentQuotes(), "auto by default");
    final Map<String, String> boot = new java.util.HashMap<>(required());
    final String peer = "12D3KooWL7auuFAusUnCqDzak7NAEbnKM7y2kfUxJbvBdiGiYUNS";
    boot.put("bootstrap", "/ip4/127.0.0.1/tcp/4001/p2p/" + peer + "/p2p/" + peer);
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(boot, Map.of(), Optional.empty()))
        .getMessage().endsWith("which does not end in exactly one /p2p/<peer id>"), "a peer id given twice");
    boot.put("bootstrap", "/ip4/127.0.0.1/tcp/4001");
    assertThrows(ConfigException.class, () -> ConfigLoader.load(boot, Map.of(), Optional.empty()), "none");
    boot.put("bootstrap", "/ip4/127.0.0.1/tcp/4001/p2p/" + peer);
    assertEquals(1, ConfigLoader.load(boot, Map.of(), Optional.empty()).bootstrap().size());
    final Map<String, String> oracle = new java.util.HashMap<>(required());
    oracle.put("oracle-sim-prices", "BTC-PERP=70000,ETH-PERP");
    assertEquals("invalid oracle-sim-prices from flag --oracle-sim-prices: 'BTC-PERP=70000,ETH-PERP' has 'ETH-PERP', "
        + "not SYMBOL=price (a positive decimal)", assertThrows(ConfigException.class,
            () -> ConfigLoader.load(oracle, Map.of(), Optional.empty())).getMessage());
    oracle.put("oracle-sim-prices", "BTC-PERP=70000.5");
    oracle.put("oracle-source", "replay");
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(oracle, Map.of(), Optional.empty()))
        .getMessage().endsWith("is empty: a replay needs its file"));
    oracle.put("oracle-source-location", "prices.csv");
    oracle.put("roles", "oracle,liquidator,keeper");
    final NodeConfig c = ConfigLoader.load(oracle, Map.of(), Optional.empty());
    assertEquals(Set.of(NodeRole.ORACLE, NodeRole.LIQUIDATOR, NodeRole.KEEPER), c.roles());
    assertEquals(Set.of(), c.signingRoles(), "none of them signs matches");
    assertEquals(RoleConfig.Source.REPLAY, c.roleConfig().oracle().source());
    assertEquals(Path.of("prices.csv").toString(), c.roleConfig().oracle().location());
    assertEquals(Map.of("BTC-PERP", 70_000_500_000L), c.roleConfig().oracle().simStartPrices());
    assertEquals(1_000_000, c.roleConfig().keeper().fundingThreshold(), "1 USDC");
  }
}
