package io.perpnet.escrow.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc.AccountState;
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
 * natively (escrow-program/program/fuzz/replay.c). The return code and every program-owned
 * account afterwards must be identical. Covered: deposit, withdraw, settle_funding,
 * close_at_mark, liquidate, set_paused, update_market; prices and positions are moved in between
 * (instructions needing PDA derivation or precompiles run in the validator only: their native
 * stand-ins are not the real algorithms). A step whose Clock second changed during it is skipped.
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

  /** One compared instruction: who pays and signs. */
  private record Step(String name, TransactionInstruction ix, Ed25519KeyPair payer) {}

  @Test
  void theValidatorAndTheNativeBuildLeaveTheSameAccounts() throws Exception {
    final Random random = new Random(42);
    final List<EscrowAccounts.Position> open = new ArrayList<>();
    long price = 67_000_000_000L;
    int compared = 0;
    int skipped = 0;
    for (int round = 0; round < 60; round++) {
      if (round % 5 == 0) { // move the market and open a position, in the validator only
        price = price + price * (random.nextInt(301) - 150) / 10_000;
        world.postPrice(1, price, 2);
        final Signed<MatchTerms> match = world.match(TRADER, MAKER, MarketParams.BTC_PERP,
            EscrowWorld.Trade.of(1 + random.nextLong(5_000_000L), price, 1 + random.nextInt(50))
                .side(random.nextBoolean() ? Side.LONG : Side.SHORT));
        client.openPosition(world.admin, match);
        open.add(client.position(match.hash().bytes()).orElseThrow());
      }
      final Step step = nextStep(random, open);
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
    assertTrue(compared >= 30, "too few compared steps: " + compared);
  }

  private static Step nextStep(final Random random, final List<EscrowAccounts.Position> open) {
    final EscrowInstructions ix = client.instructions();
    final EscrowAccounts.Position p = open.isEmpty() ? null : open.get(random.nextInt(open.size()));
    final int kind = p == null ? random.nextInt(2) : random.nextInt(7);
    return switch (kind) {
      case 0 -> new Step("deposit", ix.deposit(EscrowClient.key(TRADER), traderWallet, 1 + random.nextLong(500 * USDC)),
          TRADER);
      case 1 -> new Step("withdraw", ix.withdraw(EscrowClient.key(MAKER), makerWallet,
          1 + random.nextLong(80_000 * USDC)), MAKER);
      case 2 -> new Step("settle_funding", ix.settleFunding(p.market(), p.matchId(), p.trader(), p.maker()), TRADER);
      case 3 -> {
        final boolean byTrader = random.nextBoolean();
        yield new Step("close_at_mark", ix.closeAtMark(p.market(), p.matchId(), p.trader(), p.maker(),
            EscrowClient.key(byTrader ? TRADER : MAKER)), byTrader ? TRADER : MAKER);
      }
      case 4 -> new Step("liquidate", ix.liquidate(p.market(), p.matchId(), p.trader(), p.maker(),
          EscrowClient.key(liquidator)), liquidator);
      case 5 -> new Step("set_paused", ix.setPaused(EscrowClient.key(world.admin), 1, false), world.admin);
      default -> new Step("update_market", ix.updateMarket(EscrowClient.key(world.admin), MarketConfig.BTC_PERP),
          world.admin);
    };
  }

  private static EscrowAccounts.Position refreshed(final EscrowAccounts.Position p) {
    try {
      return client.position(p.matchId()).orElseThrow();
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
    final byte[] wire = TransactionBuilder.build(List.of(step.ix()), world.validator.rpc.latestBlockhash(), step.payer());
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
      inputs.add(new LoaderInput.Account(keys.get(i), m.isSigner() || isPayer, m.isWritable() || isPayer,
          before.get(i).orElseThrow(() -> new AssertionError(step.name() + ": missing account"))));
    }
    final byte[] programId = client.program().programId().toByteArray();
    final Native result = runNative(clockBefore, LoaderInput.serialize(inputs, step.ix().getData(), programId));
    assertEquals(validatorCode, result.code(), step.name() + ": return code");
    final List<Optional<AccountState>> after = world.validator.rpc.accounts(keys);
    for (int i = 0; i < keys.size(); i++) {
      if (Arrays.equals(before.get(i).orElseThrow().owner(), programId)) {
        // a failed instruction changes nothing (the runtime discards its writes); a successful one
        // leaves what the native build computed
        final byte[] expected = validatorCode == 0 ? result.data().get(i) : before.get(i).orElseThrow().data();
        assertArrayEquals(expected, after.get(i).orElseThrow().data(), step.name() + ": account " + i + " differs");
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
