package io.perpnet.node.crash;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.commitment.Reservation;
import io.perpnet.consensus.testing.ChildProcess;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.rpc.AccountFilter;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.testing.EscrowWorld;
import io.perpnet.node.commit.StoredReservations;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Replay;
import io.perpnet.node.store.Store;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Kills a trader node and a maker node, trading on the devnet validator, with SIGKILL at random
 * points of the flow (the RFQ exchange, the countersignature, the submission on chain) and restarts
 * them. Then it restarts both once more to settle (each exits once every reservation it holds is
 * opened on chain or released after its terms expired) and checks what a crash must never break:
 * no two signed matches together exceed a quote's or an intent's size; no nonce was signed twice;
 * every match the trader holds the maker holds too (it persists before it answers); every
 * reservation either has its position open on chain (exactly one: its address is the match id's)
 * and is marked opened, or has none and was released after its terms expired; both stores open
 * and replay to what is stored.
 *
 * <pre>./mvnw -q -pl node -Pcrash test-compile exec:exec -Dcrash.args="--cycles 200"</pre>
 */
public final class CrashHarness {
  /** What a run did. */
  public record Result(int cycles, int kills, int matchesAtTrader, int matchesAtMaker, int opened, int expired,
      List<String> violations) {}

  static final int TRADER_KEY = 17;
  static final int MAKER_KEY = 34;
  private final Path dir;
  private final Random random;
  private final int makerPort;
  private final int traderPort;
  private EscrowWorld world;

  public CrashHarness(final Path dir, final long seed) throws Exception {
    this.dir = dir;
    this.random = new Random(seed);
    this.makerPort = freePort();
    this.traderPort = freePort();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private ChildProcess start(final String role, final String mode) {
    final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CrashNode.class.getName(), role,
        String.valueOf(role.equals("trader") ? TRADER_KEY : MAKER_KEY), dir.resolve(role).toString(),
        String.valueOf(role.equals("trader") ? traderPort : makerPort), world.validator.rpcUrl, world.validator.wsUrl,
        io.perpnet.consensus.identity.Base58.encode(world.programId.bytes()), world.mint.toBase58(), mode));
    if (role.equals("trader")) {
      cmd.add("/ip4/127.0.0.1/tcp/" + makerPort);
    }
    final ChildProcess p = ChildProcess.start(role, cmd, null, true);
    p.awaitLine(0, l -> l.startsWith("READY "), Duration.ofSeconds(60));
    return p;
  }

  private ChildProcess start(final String role) {
    return start(role, "trade");
  }

  /** The validator, the escrow, BTC-PERP priced by two of three oracles, both agents with 1,000,000 USDC of margin. */
  private void startChain() throws Exception {
    world = EscrowWorld.start();
    world.oracles(2, 3);
    world.client.createMarket(world.admin, MarketConfig.BTC_PERP);
    world.postPrice(1, CrashNode.PRICE, 2);
    for (final int k : List.of(TRADER_KEY, MAKER_KEY)) {
      world.onboard(Fixtures.key(k), 1_000_000 * EscrowWorld.USDC, 1_000_000 * EscrowWorld.USDC);
    }
  }

  public Result run(final int cycles) throws Exception {
    startChain();
    // the oracles' part: the price stays fresh (the market's staleness window is 60 s)
    final ScheduledExecutorService oracle = Executors.newSingleThreadScheduledExecutor();
    oracle.scheduleWithFixedDelay(() -> {
      try {
        world.postPrice(1, CrashNode.PRICE, 2);
      } catch (RpcError e) {
        System.err.println("price not posted: " + e.getMessage());
      }
    }, 15, 15, TimeUnit.SECONDS);
    try {
      final int kills = trade(cycles);
      settle();
      return check(cycles, kills);
    } finally {
      oracle.shutdownNow();
      world.close();
    }
  }

  /** Both nodes once more, without killing: each exits when nothing it holds is undecided. */
  private void settle() {
    final ChildProcess maker = start("maker", "settle");
    final ChildProcess trader = start("trader", "settle");
    for (final ChildProcess p : List.of(maker, trader)) {
      p.awaitLine(0, l -> l.equals("SETTLED"), Duration.ofSeconds(150));
      p.awaitExit(Duration.ofSeconds(30));
    }
  }

  private int trade(final int cycles) throws Exception {
    ChildProcess maker = start("maker");
    ChildProcess trader = start("trader");
    int kills = 0;
    try {
      for (int cycle = 0; cycle < cycles; cycle++) {
        final int from = trader.mark();
        final int matches = 1 + random.nextInt(3);
        for (int i = 0, at = from; i < matches; i++) {
          final String line = trader.awaitLine(at, l -> l.startsWith("MATCH "), Duration.ofSeconds(60));
          at = trader.lines().indexOf(line) + 1;
        }
        // a random moment into the next intent's flow: fault injection, not a wait for anything
        java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(300) * 1_000_000L);
        if (random.nextBoolean()) {
          kill(trader);
          trader = start("trader");
        } else {
          kill(maker);
          maker = start("maker");
        }
        kills++;
      }
    } finally {
      kill(trader);
      kill(maker);
    }
    return kills;
  }

  private static void kill(final ChildProcess p) {
    ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL: no shutdown hook runs
    p.awaitExit(Duration.ofSeconds(30));
  }

  private Result check(final int cycles, final int kills) throws Exception {
    final List<String> violations = new ArrayList<>();
    final Map<Bytes32, Signed<MatchTerms>> traderMatches;
    final Map<Bytes32, Signed<MatchTerms>> makerMatches;
    try (Store t = Store.open(dir.resolve("trader")); Store m = Store.open(dir.resolve("maker"))) {
      traderMatches = matches(t);
      makerMatches = matches(m);
      for (final Store s : List.of(t, m)) {
        final Replay.Report r = Replay.run(s);
        if (!r.healthy()) {
          violations.add(s.directory() + " does not replay to what is stored: " + r.differences());
        }
      }
      final Map<Bytes32, Long> intentSizes = sizes(t, Column.INTENTS, Intent.class);
      final Map<Bytes32, Long> quoteSizes = sizes(m, Column.QUOTES, Quote.class);
      overCommitted(traderMatches.values(), true, intentSizes, violations);
      overCommitted(makerMatches.values(), false, quoteSizes, violations);
      nonces(t, m, traderMatches.values(), violations);
      outcomes = new int[2];
      onChain(t, "trader", violations);
      onChain(m, "maker", violations);
    }
    for (final Bytes32 id : traderMatches.keySet()) {
      if (!makerMatches.containsKey(id)) {
        violations.add("the trader holds match " + id.toHex() + " and the maker does not");
      }
    }
    return new Result(cycles, kills, traderMatches.size(), makerMatches.size(), outcomes[0], outcomes[1], violations);
  }

  private int[] outcomes;

  /** Every reservation the node ever made: open on chain and marked so, or none and released after expiry. */
  private void onChain(final Store s, final String name, final List<String> violations) throws Exception {
    final Map<Bytes32, Reservation> made = new HashMap<>();
    final List<byte[]> payloads = new ArrayList<>();
    s.forEachEvent(1, e -> {
      if (e.kind().equals("reservation.made")) {
        payloads.add(e.payload());
      }
    });
    for (final byte[] p : payloads) {
      final Reservation r = StoredReservations.decodeReservation(p);
      made.put(r.matchId(), r);
    }
    final StoredReservations book = new StoredReservations(s);
    final Set<Bytes32> opened = new HashSet<>();
    book.opened().forEach(r -> opened.add(r.matchId()));
    final long now = System.currentTimeMillis();
    for (final Reservation r : made.values()) {
      final String id = name + "'s match " + r.matchId().toHex();
      final int positions = world.validator.rpc.programAccounts(world.programId.bytes(), List.of(
          new AccountFilter.DataSize(EscrowAccounts.POSITION_SIZE),
          new AccountFilter.Memcmp(EscrowAccounts.POSITION_OFF_MATCH_ID, r.matchId().bytes()))).size();
      if (positions == 1) {
        outcomes[0]++;
        if (!opened.contains(r.matchId())) {
          violations.add(id + " is open on chain, its reservation " + (book.find(r.matchId()).isEmpty() ? "released"
              : "not marked opened"));
        }
      } else if (positions == 0) {
        outcomes[1]++;
        if (book.find(r.matchId()).isPresent()) {
          violations.add(id + " has no position, yet is still reserved");
        } else if (r.expiryMs() > now) {
          violations.add(id + " has no position and was released before its terms expired");
        }
      } else {
        violations.add(id + " has " + positions + " positions on chain");
      }
    }
  }

  private static Map<Bytes32, Signed<MatchTerms>> matches(final Store s) throws Exception {
    final Map<Bytes32, Signed<MatchTerms>> out = new HashMap<>();
    final List<byte[]> values = new ArrayList<>();
    s.forEach(Column.MATCHES, (k, v) -> values.add(v));
    for (final byte[] v : values) {
      final Signed<MatchTerms> match = Signed.decode(v, MatchTerms.class);
      out.put(match.hash(), match);
    }
    return out;
  }

  private static <P extends io.perpnet.consensus.message.Payload> Map<Bytes32, Long> sizes(final Store s,
      final Column column, final Class<P> type) throws Exception {
    final Map<Bytes32, Long> out = new HashMap<>();
    final List<byte[]> values = new ArrayList<>();
    s.forEach(column, (k, v) -> values.add(v));
    for (final byte[] v : values) {
      final Signed<P> m = Signed.decode(v, type);
      out.put(m.hash(), m.payload() instanceof Intent i ? i.size() : ((Quote) m.payload()).size());
    }
    return out;
  }

  private static void overCommitted(final Iterable<Signed<MatchTerms>> matches, final boolean byIntent,
      final Map<Bytes32, Long> sizes, final List<String> violations) {
    final Map<Bytes32, Long> committed = new HashMap<>();
    for (final Signed<MatchTerms> m : matches) {
      final Bytes32 source = byIntent ? m.payload().intentHash() : m.payload().quoteHash();
      committed.merge(source, m.payload().size(), Long::sum);
    }
    committed.forEach((source, total) -> {
      final Long size = sizes.get(source);
      if (size != null && total > size) {
        violations.add((byIntent ? "intent " : "quote ") + source.toHex() + ": " + total + " committed of " + size);
      }
    });
  }

  /**
   * No nonce signed twice: two different messages of one type and signer under one nonce. The same
   * message held by both nodes (an intent the maker saw, say) is one signature, not two.
   */
  private static void nonces(final Store trader, final Store maker, final Iterable<Signed<MatchTerms>> matches,
      final List<String> violations) throws Exception {
    final Map<String, Bytes32> signed = new HashMap<>();
    for (final Store s : List.of(trader, maker)) {
      for (final Column c : List.of(Column.INTENTS, Column.QUOTES)) {
        final List<byte[]> values = new ArrayList<>();
        s.forEach(c, (k, v) -> values.add(v));
        for (final byte[] v : values) {
          final var m = Signed.decode(v);
          final var p = m.payload();
          once(signed, p.type() + "/" + p.signers().getFirst().toAddress() + "/" + p.header().nonce(), m.hash(),
              violations);
        }
      }
    }
    for (final Signed<MatchTerms> m : matches) {
      once(signed, "ACCEPT/" + m.payload().trader().toAddress() + "/" + m.payload().header().nonce(),
          m.payload().acceptHash(), violations);
    }
  }

  private static void once(final Map<String, Bytes32> signed, final String nonce, final Bytes32 message,
      final List<String> violations) {
    final Bytes32 before = signed.putIfAbsent(nonce, message);
    if (before != null && !before.equals(message)) {
      violations.add("nonce signed twice: " + nonce + " (messages " + before.toHex() + " and " + message.toHex() + ")");
    }
  }

  public static void main(final String[] args) throws Exception {
    int cycles = 200;
    long seed = System.nanoTime();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--cycles" -> cycles = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("options: --cycles N, --seed S");
      }
    }
    final Path dir = Files.createTempDirectory("crash-harness");
    final Result r = new CrashHarness(dir, seed).run(cycles);
    System.out.printf("%d cycles, %d SIGKILLs (seed %d): %d matches at the trader, %d at the maker; reservations: %d"
        + " open on chain, %d expired and released; %s%n", r.cycles(), r.kills(), seed, r.matchesAtTrader(),
        r.matchesAtMaker(), r.opened(), r.expired(),
        r.violations().isEmpty() ? "no violation" : r.violations().size() + " violations: " + r.violations());
    System.exit(r.violations().isEmpty() ? 0 : 1);
  }
}
