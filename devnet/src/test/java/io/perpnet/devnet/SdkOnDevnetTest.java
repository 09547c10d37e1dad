package io.perpnet.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.devnet.net.NodeLauncher;
import io.perpnet.devnet.net.Readiness;
import io.perpnet.devnet.proc.Processes;
import io.perpnet.sdk.agents.TraderAgent;
import io.perpnet.sdk.agents.TraderParams;
import io.perpnet.sdk.client.NodeClient;
import io.perpnet.sdk.model.IntentRequest;
import io.perpnet.sdk.model.Position;
import io.perpnet.sdk.model.Quote;
import io.perpnet.sdk.strategy.TradingHub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK against a real devnet of seven node processes: its two maker nodes are driven by the
 * example makers ({@code perp agent run} processes), {@code trader-1} by the example trader (in
 * this JVM), {@code trader-2} by the Java client across a restart of its node and by the Python
 * client (pytest, Debian's interpreter).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkOnDevnetTest {
  @TempDir
  static Path dir;

  /** Every channel but prices (which the restarted node records on its own schedule). */
  private static final List<String> STREAMED = List.of("intent", "trade_request", "quote", "match", "position_opened",
      "position_closed", "reservation", "alert", "liquidation");

  private final StringWriter printed = new StringWriter();
  private Devnet devnet;
  private DevnetState state;
  private final List<DevnetState.Proc> started = new ArrayList<>();

  @BeforeAll
  void up() throws Exception {
    devnet = new Devnet(Repo.find(), new DevnetDir(dir), new PrintWriter(printed, true));
    state = devnet.up(CalmPrices.options(dir, 7));
    started.add(state.validator());
    state.nodes().forEach(this::record);
    Readiness.await(state);
  }

  private void record(final DevnetState.NodeEntry n) {
    started.add(n.process());
    if (n.agentProcess() != null) {
      started.add(n.agentProcess());
    }
  }

  @AfterAll
  void down() throws Exception {
    devnet.down(true);
    for (final DevnetState.Proc p : started) {
      assertFalse(Processes.alive(p), "nothing left running: " + p);
    }
  }

  private DevnetState.NodeEntry node(final String name) {
    return state.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  private static NodeClient client(final DevnetState.NodeEntry n) throws Exception {
    return NodeClient.connect(n.apiUrl(), Path.of(n.tokenFile()));
  }

  @Test
  @Order(1)
  void bothExampleMakersQuoteAndTheExampleTraderFillsAgainstThem() throws Exception {
    final DevnetState.NodeEntry cons = node("maker-conservative");
    final DevnetState.NodeEntry aggr = node("maker-aggressive");
    assertTrue(Processes.alive(cons.agentProcess()) && Processes.alive(aggr.agentProcess()), "the makers' agents run");
    final DevnetState.NodeEntry t = node("trader-1");
    final Set<String> ours = new HashSet<>();
    final TraderParams holding = new TraderParams("test-trader", List.of("BTC-PERP", "ETH-PERP"), new BigDecimal("100"),
        5, 1_000, 3_600_000, 200, 300, 3, 11);
    try (TradingHub hub = TradingHub.of(client(t)); TraderAgent trader = new TraderAgent(hub, holding)) {
      assertEquals(1, hub.positions().size(), "the devnet's first trade");
      trader.step();
      assertEquals(1, trader.stats().get("opened"), trader.stats().toString());
      final List<Position> open = hub.positions();
      assertEquals(2, open.size());
      final Set<String> makers = Set.of(cons.address(), aggr.address());
      for (final Position p : open) {
        assertTrue(makers.contains(p.counterparty()), "filled against an example maker: " + p);
      }
      final Position mine = open.stream().filter(p -> p.stopLoss() != null).findFirst().orElseThrow();
      assertNotNull(mine.takeProfit(), "the agent set a stop-loss and a take-profit: " + mine);
      assertEquals(mine.isLong(), mine.takeProfit().compareTo(mine.entryPrice()) > 0, "take-profit in its favour");
      assertEquals(mine.isLong(), mine.stopLoss().compareTo(mine.entryPrice()) < 0, "stop-loss against it");
      for (final var i : hub.client().intents()) {
        ours.add(i.id());
      }
      // both makers answered the agent's intents through their own strategies
      assertTrue(quotedAny(client(cons).quotes(), ours), "the conservative maker quoted");
      assertTrue(quotedAny(client(aggr).quotes(), ours), "the aggressive maker quoted");
      final TraderAgent closing = new TraderAgent(hub, new TraderParams("test-closer", List.of("BTC-PERP"),
          new BigDecimal("100"), 5, 1_000, 0, 0, 0, 1, 3));
      closing.step(); // holds for 0 ms: closes both at mark (two losing closes: the node pauses after three), opens one
      assertEquals(2, closing.stats().get("closed"), closing.stats().toString());
      assertEquals(1, closing.stats().get("opened"));
      assertEquals(1, hub.positions().size());
    }
  }

  private static boolean quotedAny(final List<Quote> quotes, final Set<String> intents) {
    return quotes.stream().anyMatch(q -> intents.contains(q.intentId()));
  }

  @Test
  @Order(2)
  void theJavaClientSurvivesARestartOfItsNodeWithoutLosingOrRepeatingAnEvent() throws Exception {
    final DevnetState.NodeEntry t = node("trader-2");
    final int oldPort = java.net.URI.create(t.apiUrl()).getPort();
    try (Relay relay = new Relay(oldPort)) {
      final NodeClient api = NodeClient.connect(relay.url(), Path.of(t.tokenFile()));
      final Events got = new Events();
      try (var stream = api.stream().channels(STREAMED.toArray(String[]::new)).after(0).backoff(100, 1_000).onEvent(got::add).onState(got::state).start()) {
        final String first = got.awaitOpened(IntentRequest.buy("BTC-PERP").size("0.001").leverage(5).build(), api);
        assertNotNull(first);
        assertTrue(Processes.stop(t.process(), Duration.ofSeconds(20)), "the node stopped");
        got.awaitState("RECONNECTING");
        final DevnetState.NodeEntry again = restart(t);
        relay.retarget(java.net.URI.create(again.apiUrl()).getPort());
        got.awaitState("LIVE");
        got.awaitOpened(IntentRequest.sell("BTC-PERP").size("0.001").leverage(5).build(), api);
        // every event of the log on the stream's channels, in order, once
        final List<Long> logged = new ArrayList<>();
        long after = 0;
        while (true) {
          final var page = api.events(after, 1000);
          page.events().stream().filter(e -> STREAMED.contains(e.channel())).forEach(e -> logged.add(e.seq()));
          if (page.events().isEmpty()) {
            break;
          }
          after = page.next();
        }
        final List<Long> streamed = got.seqs(logged.getLast());
        assertEquals(logged, streamed, "the stream carried exactly the log's events across the restart");
        assertEquals(new TreeSet<>(streamed).size(), streamed.size(), "none twice");
        assertEquals(0, stream.duplicatesDropped(), "the node resent nothing");
      }
    }
  }

  /** Starts trader-2's node again (same key, data and settings; a new API port) and records it for down. */
  private DevnetState.NodeEntry restart(final DevnetState.NodeEntry t) throws Exception {
    final Plan.NodePlan plan = Plan.of(7).nodes().stream().filter(p -> p.name().equals(t.name())).findFirst()
        .orElseThrow();
    final DevnetState.NodeEntry again = NodeLauncher.start(Repo.find(), new DevnetDir(dir), plan,
        KeyFile.read(new DevnetDir(dir).key(t.name())), state, state.nodes().stream()
            .filter(n -> !n.name().equals(t.name())).map(DevnetState.NodeEntry::listen).toList(), 7);
    record(again);
    state = state.withNodes(state.nodes().stream().map(n -> n.name().equals(t.name()) ? again : n).toList());
    state.save(new DevnetDir(dir).state());
    return again;
  }

  @Test
  @Order(3)
  void thePythonClientOpensAndClosesAPosition() throws Exception {
    final DevnetState.NodeEntry t = node("trader-2");
    final Path python = Repo.find().root().resolve("sdk/python");
    final Path log = dir.resolve("pytest.log");
    final ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "tests").directory(python.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("PERP_NODE_URL", t.apiUrl());
    pb.environment().put("PERP_TOKEN_FILE", Path.of(t.tokenFile()).resolveSibling("token-trade").toString());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    final Process p = pb.start();
    final boolean ended = p.waitFor(180, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    final String out = Files.readString(log);
    assertTrue(ended, "pytest ended: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("6 passed"), out);
  }

  @Test
  @Order(4)
  void theJavaClientCoversEveryRouteOfTheApi() throws Exception {
    final var doc = client(node("trader-1")).openApi();
    final Set<String> routes = new TreeSet<>();
    doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m ->
        routes.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
    assertEquals(routes, new TreeSet<>(NodeClient.ROUTES));
  }
  @Test
  @Order(5)
  void anMcpClientTradesOverHttpAndThroughPerpMcp() throws Exception {
    final DevnetState.NodeEntry t = node("trader-2");
    final Path client = Repo.find().root().resolve("devnet/mcp-client");
    final Path log = dir.resolve("mcp-client.log");
    final Process npm = new ProcessBuilder("bash", "-c", "npm ci --no-audit --no-fund --loglevel=error")
        .directory(client.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertEquals(0, npm.waitFor(), "npm ci in devnet/mcp-client: " + Files.readString(log));
    final ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=spec", "mcp.test.mjs")
        .directory(client.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("PERP_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    pb.environment().put("PERP_AGENT_JAR", Repo.find().agentJar().toString());
    pb.environment().put("PERP_NODE_URL", t.apiUrl());
    pb.environment().put("PERP_FULL_TOKEN_FILE", t.tokenFile());
    pb.environment().put("PERP_TRADE_TOKEN_FILE", Path.of(t.tokenFile()).resolveSibling("token-trade").toString());
    final Process p = pb.start();
    final boolean ended = p.waitFor(240, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    final String out = Files.readString(log);
    assertTrue(ended, "the MCP client's tests ended: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("pass 5") && out.contains("fail 0"), out); // the spec reporter's summary
  }
}
