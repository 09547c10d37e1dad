package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.EscrowWorld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc.AccountState;
import io.perpnet.escrow.tx.Ed25519Precompile;
import io.perpnet.escrow.tx.TransactionBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * The differential check: a sample of operation sequences executed by the validator and, on the
 * byte-identical loader input built from the same pre-state and Clock, by the program compiled
 * natively (escrow-program/program/fuzz/replay.c, with the real SHA-256 and PDA derivation). The
 * return code and every account the program owns before or after must be identical. Covered:
 * every user and admin instruction but initialize (once per deployment): create_margin,
 * deposit, withdraw, create_market, update_market, set_oracles, post_prices, open_position,
 * settle_funding, close_at_mark, close_mutual, liquidate, set_paused. For the instructions that
 * read Ed25519 precompile instructions, the native input's instructions sysvar is built from the
 * transaction as the runtime builds it ({@link InstructionsSysvar}). A step whose Clock second
 * changed during it is skipped.
 */
class EscrowDifferentialTest {
  private static final long USDC = EscrowWorld.USDC;
  private static final Path REPLAY = Path.of("..", "program", "target", "fuzz", "replay");
  private static final byte[] CLOCK = new PublicKey("SysvarC1ock11111111111111111111111111111111").toByteArray();
  private static final Ed25519KeyPair TRADER = Fixtures.TRADER;
  private static final Ed25519KeyPair MAKER = Fixtures.MAKER;
  private static EscrowWorld world;
  private static EscrowClient client;
  private static Ed25519KeyPair liquidator;
  private static PublicKey traderWallet;
  private static PublicKey makerWallet;
  private static final java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
  /** An address with nothing at it, as the runtime passes it: System-owned, no lamports, no data. */
  private static final AccountState NO_ACCOUNT = new AccountState(0, new byte[32], false, new byte[0]);

  @BeforeAll
  static void setUp() throws Exception {
    assertTrue(Files.isExecutable(REPLAY), REPLAY + " is missing: build escrow-program/program first");
    world = EscrowWorld.start();
    client = world.client;
    world.oracles(2, 2);
    client.createMarket(world.admin, MarketConfig.BTC_PERP);
    world.postPrice(1, 67_000_000_000L, 2);
    traderWallet = world.onboard(TRADER, 100_000 * USDC, 50_000 * USDC);
    makerWallet = world.onboard(MAKER, 100_000 * USDC, 50_000 * USDC);
    liquidator = world.funded(Ed25519KeyPair.generate());
    client.createMargin(liquidator);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (world != null) {
      world.close();
    }
  }

  /** One compared instruction, the last of its transaction (precompile instructions before it), and who pays. */
  private record Step(String name, List<TransactionInstruction> ixs, Ed25519KeyPair payer) {
    Step(final String name, final TransactionInstruction ix, final Ed25519KeyPair payer) {
      this(name, List.of(ix), payer);
    }

    TransactionInstruction ix() {
      return ixs.get(ixs.size() - 1);
    }
  }

  private static int nextMarketId = 10;

  @Test
  void theValidatorAndTheNativeBuildLeaveTheSameAccounts() throws Exception {
    final Random random = new Random(42);
    final List<EscrowAccounts.Position> open = new ArrayList<>();
    long price = 67_000_000_000L;
    int compared = 0;
    int skipped = 0;
    for (int round = 0; round < 100; round++) {
      if (round % 5 == 0) { // move the market and open a position, in the validator only
        price = price + price * (random.nextInt(301) - 150) / 10_000;
        world.postPrice(1, price, 2);
        final Signed<MatchTerms> match = match(random, price);
        client.openPosition(world.admin, match);
        open.add(client.position(match).orElseThrow());
      }
      final Step step = nextStep(random, open, round);
      if (compare(step)) {
        compared++;
      } else {
        skipped++;
      }
      open.replaceAll(p -> refreshed(p));
      open.removeIf(EscrowAccounts.Position::closed);
    }
    System.out.println("EscrowDifferentialTest: " + compared + " steps identical natively and in the validator, "
        + skipped + " skipped across a clock second: " + outcomes);
    assertTrue(compared >= 50, "too few compared steps: " + compared);
    final java.util.Set<String> covered = new java.util.TreeSet<>();
    outcomes.keySet().forEach(k -> covered.add(k.split(" ")[0]));
    assertEquals(new java.util.TreeSet<>(List.of("close_at_mark", "close_mutual", "create_margin", "create_market", "deposit",
        "liquidate", "open_position", "post_prices", "set_oracles", "set_paused", "settle_funding", "update_market",
        "withdraw")), covered, "every instruction but initialize compared");
  }

  /** The instructions in turn (each about eight times in 100 rounds), with random amounts, prices and parties. */
  private static Step nextStep(final Random random, final List<EscrowAccounts.Position> open, final int round)
      throws Exception {
    final EscrowInstructions ix = client.instructions();
    final EscrowAccounts.Position p = open.isEmpty() ? null : open.get(random.nextInt(open.size()));
    final int kind = p == null ? round % 2 : round % 13;
    return switch (kind) {
      case 7 -> {
        final Ed25519KeyPair agent = fund(Ed25519KeyPair.generate());
        yield new Step("create_margin", ix.createMargin(EscrowClient.key(agent)), agent);
      }
      case 8 -> new Step("create_market", ix.createMarket(EscrowClient.key(world.admin),
          MarketConfig.defaults(nextMarketId++, "DIFF-PERP", 8, 50)), world.admin);
      case 9 -> new Step("set_oracles", ix.setOracles(EscrowClient.key(world.admin), 2,
          List.of(EscrowClient.key(Fixtures.ORACLES[0]), EscrowClient.key(Fixtures.ORACLES[1]))), world.admin);
      case 10 -> {
        final long mark = market().price();
        final List<TransactionInstruction> ixs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          final var a = world.attest(Fixtures.ORACLES[i], 1, world.programId, mark + mark * (random.nextInt(41) - 20) / 10_000, 0);
          ixs.add(Ed25519Precompile.verify(a.payload().oracle(), a.signature(0), a.bytes()));
        }
        ixs.add(ix.postPrices(1, new int[] {0, 1}));
        yield new Step("post_prices", ixs, world.admin);
      }
      case 11 -> {
        final Signed<MatchTerms> match = match(random, market().price());
        final MatchTerms t = match.payload();
        yield new Step("open_position", List.of(Ed25519Precompile.verify(t.trader(), match.signature(0), match.bytes()),
            Ed25519Precompile.verify(t.maker(), match.signature(1), match.bytes()),
            ix.openPosition(EscrowClient.key(world.admin), 1, client.program().position(match.payload()), p.trader(), p.maker(), 0, 1)),
            world.admin);
      }
      case 12 -> {
        final long closePrice = p.entryPrice() + p.entryPrice() * (random.nextInt(401) - 200) / 10_000;
        final Signed<CloseTerms> close = Signed.sign(new CloseTerms(new Header(1, world.programId,
            System.currentTimeMillis() + 30_000, world.nextNonce()), Bytes32.wrap(p.matchId()), TRADER.publicKey(),
            MAKER.publicKey(), closePrice, p.size()), TRADER, MAKER);
        yield new Step("close_mutual", List.of(Ed25519Precompile.verify(TRADER.publicKey(), close.signature(0), close.bytes()),
            Ed25519Precompile.verify(MAKER.publicKey(), close.signature(1), close.bytes()),
            ix.closeMutual(1, client.program().position(p), p.trader(), p.maker(), 0, 1)), world.admin);
      }
      case 0 -> new Step("deposit", ix.deposit(EscrowClient.key(TRADER), traderWallet, 1 + random.nextLong(500 * USDC)),
          TRADER);
      case 1 -> new Step("withdraw", ix.withdraw(EscrowClient.key(MAKER), makerWallet,
          1 + random.nextLong(80_000 * USDC)), MAKER);
      case 2 -> new Step("settle_funding", ix.settleFunding(p.market(), client.program().position(p), p.trader(), p.maker()), TRADER);
      case 3 -> {
        final boolean byTrader = random.nextBoolean();
        yield new Step("close_at_mark", ix.closeAtMark(p.market(), client.program().position(p), p.trader(), p.maker(),
            EscrowClient.key(byTrader ? TRADER : MAKER)), byTrader ? TRADER : MAKER);
      }
      case 4 -> new Step("liquidate", ix.liquidate(p.market(), client.program().position(p), p.trader(), p.maker(),
          EscrowClient.key(liquidator)), liquidator);
      case 5 -> new Step("set_paused", ix.setPaused(EscrowClient.key(world.admin), 1, false), world.admin);
      default -> new Step("update_market", ix.updateMarket(EscrowClient.key(world.admin), MarketConfig.BTC_PERP),
          world.admin);
    };
  }

  private static Signed<MatchTerms> match(final Random random, final long price) throws Exception {
    return world.match(TRADER, MAKER, MarketParams.BTC_PERP,
        EscrowWorld.Trade.of(1 + random.nextLong(5_000_000L), price, 1 + random.nextInt(50))
            .side(random.nextBoolean() ? Side.LONG : Side.SHORT));
  }

  private static EscrowAccounts.Market market() {
    try {
      return client.market(1).orElseThrow();
    } catch (RpcError e) {
      throw new AssertionError(e);
    }
  }

  private static Ed25519KeyPair fund(final Ed25519KeyPair k) {
    try {
      return world.funded(k);
    } catch (RpcError e) {
      throw new AssertionError(e);
    }
  }

  private static EscrowAccounts.Position refreshed(final EscrowAccounts.Position p) {
    try {
      return client.position(p.matchId(), p.bump()).orElseThrow();
    } catch (RpcError e) {
      throw new AssertionError(e);
    }
  }

  /** Runs the step in both; true when compared, false when the clock second changed in between. */
  private static boolean compare(final Step step) throws Exception {
    final List<AccountMeta> metas = step.ix().getKeys();
    final List<byte[]> keys = new ArrayList<>();
    metas.forEach(m -> keys.add(m.getPublicKey().toByteArray()));
    final List<Optional<AccountState>> before = world.validator.rpc.accounts(keys);
    final long clockBefore = clock();
    final byte[] payer = step.payer().publicKey().bytes();

    long validatorCode;
    final byte[] wire = TransactionBuilder.build(step.ixs(), world.validator.rpc.latestBlockhash(), step.payer());
    final String signature = world.validator.rpc.sendTransactionSkippingPreflight(wire);
    try {
      world.validator.rpc.awaitConfirmation(signature, Duration.ofSeconds(30));
      validatorCode = 0;
    } catch (RpcError e) {
      validatorCode = e.customError();
      assertTrue(validatorCode > 0, step.name() + " failed outside the program: " + e.getMessage());
    }
    if (clock() != clockBefore) {
      return false;
    }
    final List<LoaderInput.Account> inputs = new ArrayList<>();
    for (int i = 0; i < metas.size(); i++) {
      final AccountMeta m = metas.get(i);
      final boolean isPayer = Arrays.equals(keys.get(i), payer);
      final AccountState state = Arrays.equals(keys.get(i), InstructionsSysvar.ADDRESS)
          ? InstructionsSysvar.account(step.ixs(), step.ixs().size() - 1)
          : before.get(i).orElse(NO_ACCOUNT); // an address a step creates
      inputs.add(new LoaderInput.Account(keys.get(i), m.isSigner() || isPayer, m.isWritable() || isPayer, state));
    }
    final byte[] programId = client.program().programId().toByteArray();
    final Native result = runNative(clockBefore, LoaderInput.serialize(inputs, step.ix().getData(), programId));
    assertEquals(validatorCode, result.code(), step.name() + ": return code");
    final List<Optional<AccountState>> after = world.validator.rpc.accounts(keys);
    for (int i = 0; i < keys.size(); i++) {
      final AccountState was = before.get(i).orElse(NO_ACCOUNT);
      final AccountState is = after.get(i).orElse(NO_ACCOUNT);
      if (Arrays.equals(was.owner(), programId) || Arrays.equals(is.owner(), programId)) {
        // a failed instruction changes nothing (the runtime discards its writes); a successful one
        // leaves what the native build computed, created accounts included
        final byte[] expected = validatorCode == 0 ? result.data().get(i) : was.data();
        assertArrayEquals(expected, is.data(), step.name() + ": account " + i + " differs");
      }
    }
    outcomes.merge(step.name() + (validatorCode == 0 ? "" : " refused " + validatorCode), 1, Integer::sum);
    return true;
  }

  private static long clock() throws RpcError {
    final byte[] data = world.validator.rpc.accountData(CLOCK).orElseThrow();
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(32);
  }

  private record Native(long code, List<byte[]> data) {}

  private static Native runNative(final long clockUnix, final byte[] input) throws IOException, InterruptedException {
    final Process p = new ProcessBuilder(REPLAY.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    final ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(LoaderInput.u64(clockUnix));
    in.writeBytes(LoaderInput.u64(input.length));
    in.writeBytes(input);
    p.getOutputStream().write(in.toByteArray());
    p.getOutputStream().close();
    final ByteBuffer out = ByteBuffer.wrap(p.getInputStream().readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "the native replay failed");
    final long code = out.getLong();
    final List<byte[]> data = new ArrayList<>();
    while (out.hasRemaining()) {
      final byte[] d = new byte[(int) out.getLong()];
      out.get(d);
      data.add(d);
    }
    return new Native(code, data);
  }
}
