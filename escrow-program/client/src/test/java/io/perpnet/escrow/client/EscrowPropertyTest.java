package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.EscrowWorld;
import io.perpnet.escrow.testing.LocalValidator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.rpc.RpcError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;

/**
 * Randomized sequences of every user instruction against the real program, with random prices,
 * times, sizes, leverage and signers; after every step the invariants hold:
 * the vault holds exactly all free + locked collateral + fees + insurance; no amount wrapped below
 * zero; each agent's locked margin and open-position count equal its open positions'; only owners
 * withdraw; liquidation succeeds only below maintenance; no match opens twice.
 * Every step computes what it expects from the state before it (success, or the one escrow error
 * the program must answer); any other outcome fails with the step and the seed.
 * An adversary takes part: it submits attestations in any number and order (new ones, two of one
 * oracle, ones posted before), and the mark must be the median of every oracle's fresh latest
 * price ({@link OracleModel}); and it signs transactions with other agents' accounts, fake
 * accounts, a worthless token, addresses at other bumps, itself as admin or oracle
 * ({@link Adversary}): each is refused with its own error and no balance moves. Mutual closes
 * propose prices up to 10% from the mark and are refused exactly where a side's margin would not
 * cover its loss.
 * Steps: -Descrow.steps (default 3,000); seed: -Descrow.seed (printed) replays a run.
 */
class EscrowPropertyTest {
  private static final long USDC = 1_000_000L;
  private static final int STEPS = Integer.getInteger("escrow.steps", 3_000);
  private static final long SEED = Long.getLong("escrow.seed", System.nanoTime());
  private static EscrowWorld world;
  private static EscrowClient client;
  private static Bytes32 programId;
  private static Ed25519KeyPair admin;
  private static LocalValidator validator;
  private static final List<Ed25519KeyPair> AGENTS = new ArrayList<>();
  private static final Map<Ed25519KeyPair, PublicKey> WALLETS = new HashMap<>();
  private static long price = 60_000_000_000L;
  /** When the last price was posted (wall clock, as the validator's Clock), and the model's margin around the limit. */
  private static long lastPostMs;
  private static Adversary adversary;
  /** Attestations posted so far (recent ones), for the adversary to post again. */
  private static final List<Signed<PriceAttestation>> POSTED = new ArrayList<>();
  private static final long STALENESS_SLACK_MS = 5_000;


  private record Open(Signed<MatchTerms> match, Ed25519KeyPair trader, Ed25519KeyPair maker) {}

  @BeforeAll
  static void setUp() throws Exception {
    world = EscrowWorld.start();
    client = world.client;
    programId = world.programId;
    admin = world.admin;
    validator = world.validator;
    world.oracles(2, 3);
    client.createMarket(admin, MarketConfig.BTC_PERP);
    client.createMarket(admin, MarketConfig.ETH_PERP); // only ever passed where BTC-PERP belongs
    postPrice(price);
    adversary = Adversary.join(world, MarketConfig.ETH_PERP.id());
    for (int i = 0; i < 4; i++) {
      final Ed25519KeyPair agent = Ed25519KeyPair.generate();
      WALLETS.put(agent, world.onboard(agent, 1_000_000 * USDC, 0));
      AGENTS.add(agent);
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (world != null) {
      world.close();
    }
  }

  private static void postPrice(final long p) throws RpcError {
    world.postPrice(1, p, 3);
    lastPostMs = System.currentTimeMillis();
  }

  /**
   * Attestations in any order and number from the adversary's pool: a new one of a random oracle
   * at up to 0.8% from the mark (two of one oracle now and then), or one posted before.
   */
  private static List<Signed<PriceAttestation>> submission(final Random random) throws RpcError {
    final long mark = client.market(1).orElseThrow().price();
    final long now = System.currentTimeMillis();
    POSTED.removeIf(a -> now - a.payload().publishTimeMs() > 40_000);
    final List<Signed<PriceAttestation>> out = new ArrayList<>();
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      if (!POSTED.isEmpty() && random.nextInt(10) < 3) {
        out.add(POSTED.get(random.nextInt(POSTED.size())));
      } else {
        out.add(world.attest(Fixtures.ORACLES[random.nextInt(3)], 1, programId,
            mark + mark * (random.nextInt(161) - 80) / 10_000, 0));
      }
    }
    return out;
  }

  /** Every balance an attack could move. */
  private static List<Object> balances() throws RpcError {
    final List<Object> all = new ArrayList<>();
    for (final Ed25519KeyPair agent : AGENTS) {
      all.add(margin(agent));
    }
    all.add(margin(adversary.key));
    final EscrowAccounts.Config config = client.config().orElseThrow();
    all.add(config.insuranceFund());
    all.add(config.feeTreasury());
    all.add(world.token.balance(world.vault));
    all.add(world.token.balance(adversary.wallet));
    all.add(world.token.balance(adversary.worthless));
    return all;
  }

  private static Signed<MatchTerms> terms(final Ed25519KeyPair trader, final Ed25519KeyPair maker, final long size,
      final long tradePrice, final int leverage, final Side side) throws Exception {
    return world.match(trader, maker, MarketParams.BTC_PERP,
        EscrowWorld.Trade.of(size, tradePrice, leverage).side(side).maker(10, 500));
  }

  @Test
  void randomSequencesKeepEveryInvariant() throws Exception {
    System.out.println("EscrowPropertyTest: " + STEPS + " steps, seed " + SEED + " (-Descrow.seed to replay)");
    final Random random = new Random(SEED);
    final List<Open> open = new ArrayList<>();
    final Map<String, Integer> outcomes = new HashMap<>();
    for (int step = 0; step < STEPS; step++) {
      final Ed25519KeyPair a = AGENTS.get(random.nextInt(AGENTS.size()));
      final Ed25519KeyPair b = AGENTS.get(random.nextInt(AGENTS.size()));
      String action = "?";
      Expected expected = Expected.ok();
      String outcome = "";
      List<Object> untouched = null;
      try {
        switch (random.nextInt(13)) {
          case 0 -> {
            action = "deposit";
            final long wallet = tokenBalance(WALLETS.get(a));
            if (wallet == 0) {
              throw new Skip();
            }
            client.deposit(a, WALLETS.get(a), 1 + random.nextLong(Math.min(20_000 * USDC, wallet)));
          }
          case 1 -> {
            action = "withdraw";
            final long free = margin(a).free();
            final long amount = 1 + random.nextLong(Math.max(1, free + free / 4));
            expected = amount > free ? Expected.refused(EscrowError.INSUFFICIENT_FREE) : Expected.ok();
            client.withdraw(a, WALLETS.get(a), amount);
          }
          case 2 -> {
            action = "price";
            final long next = Math.max(1_000_000_000L, price + price * (random.nextInt(401) - 200) / 10_000);
            postPrice(next);
            price = next;
          }
          case 3, 4 -> {
            action = "open";
            if (a == b) {
              throw new Skip();
            }
            final long size = 1 + random.nextLong(20_000_000L);
            // within the 1% band mostly, beyond it sometimes
            final long tradePrice = price + price * (random.nextInt(241) - 120) / 10_000;
            final Signed<MatchTerms> match = terms(a, b, size, tradePrice, 1 + random.nextInt(50),
                random.nextBoolean() ? Side.LONG : Side.SHORT);
            expected = whenFresh(expectedOpen(match.payload(), margin(a), margin(b)));
            client.openPosition(admin, match);
            expected.checkSuccess("step " + step + " (seed " + SEED + ") open");
            open.add(new Open(match, a, b));
            assertOpensOnce(match);
          }
          case 5 -> {
            action = "settle";
            expected = whenFresh(Expected.ok());
            client.settleFunding(admin, position(pick(open, random)));
          }
          case 6 -> {
            action = "closeAtMark";
            final Open o = pick(open, random);
            expected = whenFresh(Expected.ok());
            client.closeAtMark(random.nextBoolean() ? o.trader() : o.maker(), position(o));
          }
          case 7 -> {
            action = "closeMutual";
            final Open o = pick(open, random);
            final long closePrice = Math.max(1, price + price * (random.nextInt(2001) - 1000) / 10_000);
            expected = whenFresh(expectedMutualClose(position(o), closePrice));
            client.closeMutual(admin, position(o), Signed.sign(new CloseTerms(new Header(1, programId,
                System.currentTimeMillis() + 30_000, world.nextNonce()), o.match().hash(), o.trader().publicKey(),
                o.maker().publicKey(), closePrice, o.match().payload().size()), o.trader(), o.maker()));
          }
          case 8 -> {
            action = "admin";
            switch (random.nextInt(3)) {
              case 0 -> client.updateMarket(admin, MarketConfig.BTC_PERP);
              case 1 -> {
                client.setPaused(admin, 1, true);
                client.setPaused(admin, 1, false);
              }
              default -> world.oracles(2, 3);
            }
          }
          case 10 -> {
            action = "post";
            final List<Signed<PriceAttestation>> submission = submission(random);
            final OracleModel.Prediction prediction = OracleModel.predict(client.market(1).orElseThrow(),
                client.config().orElseThrow(), submission, System.currentTimeMillis());
            expected = prediction.expected();
            client.postPrices(admin, 1, submission);
            POSTED.addAll(submission);
            if (prediction.mark() != 0) {
              assertEquals(prediction.mark(), client.market(1).orElseThrow().price(),
                  "step " + step + ": the mark is the median of every oracle's fresh latest price");
            }
          }
          case 11, 12 -> {
            final List<EscrowAccounts.Position> positions = new ArrayList<>();
            open.forEach(o -> positions.add(position(o)));
            final Adversary.Attack attack = adversary.next(random, AGENTS, positions);
            action = "attack: " + attack.name();
            expected = attack.needsOracle() ? whenFresh(attack.expected()) : attack.expected();
            untouched = balances();
            attack.action().run();
          }
          default -> {
            action = "liquidate";
            final Open o = pick(open, random);
            final EscrowAccounts.Position before = position(o);
            final int health = health(before);
            expected = whenFresh(health < 0 ? Expected.ok()
                : health > 0 ? Expected.refused(EscrowError.NOT_LIQUIDATABLE)
                : Expected.ok().or(EscrowError.NOT_LIQUIDATABLE));
            client.liquidate(a, before);
          }
        }
        expected.checkSuccess("step " + step + " (seed " + SEED + ") " + action);
      } catch (RpcError e) {
        outcome = " refused " + java.util.Objects.toString(expected.check(e, "step " + step + " (seed " + SEED + ") "
            + action), "by the token program");
      } catch (Skip s) {
        continue;
      }
      if (untouched != null) {
        assertEquals(untouched, balances(), "step " + step + " (seed " + SEED + "): " + action + " moved money");
      }
      if (step % 7 == 0) {
        assertOnlyOwnersWithdraw(a, b);
      }
      open.removeIf(o -> position(o).closed());
      assertInvariants(open);
      outcomes.merge(action + outcome, 1, Integer::sum);
    }
    System.out.println("EscrowPropertyTest outcomes: " + outcomes);
  }

  /**
   * A mutual close never draws on the insurance fund: refused when the losing side's margin does
   * not cover its loss at the agreed price (within the slack of funding accrued meanwhile).
   */
  private static Expected expectedMutualClose(final EscrowAccounts.Position p, final long closePrice) {
    final BigInteger move = BigInteger.valueOf(Math.abs(closePrice - p.entryPrice()));
    final long pnl = move.multiply(BigInteger.valueOf(p.size())).divide(BigInteger.TEN.pow(8)).longValueExact();
    final boolean traderWins = p.side() == 0 ? closePrice > p.entryPrice() : closePrice < p.entryPrice();
    final long loserMargin = traderWins ? p.makerMargin() : p.traderMargin();
    final long slack = 1_000;
    if (pnl > loserMargin + slack) {
      return Expected.refused(EscrowError.CLOSE_BEYOND_MARGIN);
    }
    return pnl + slack < loserMargin ? Expected.ok() : Expected.ok().or(EscrowError.CLOSE_BEYOND_MARGIN);
  }

  /**
   * What open_position must answer, checked in the program's order: price band around the oracle,
   * leverage, each side's margin (initial margin plus what it loses at once marked at the oracle),
   * then each side's free collateral for its margin plus its fee.
   */
  private static Expected expectedOpen(final MatchTerms t, final EscrowAccounts.Margin trader,
      final EscrowAccounts.Margin maker) throws RpcError {
    final MarketConfig m = MarketConfig.BTC_PERP;
    final long oracle = client.market(1).orElseThrow().price();
    final BigInteger diff = BigInteger.valueOf(Math.abs(t.price() - oracle));
    if (diff.multiply(BigInteger.valueOf(10_000)).compareTo(
        BigInteger.valueOf(m.priceBandBps()).multiply(BigInteger.valueOf(oracle))) > 0) {
      return Expected.refused(EscrowError.PRICE_OUTSIDE_BAND);
    }
    if (t.leverage() == 0 || t.leverage() > m.maxLeverage()) {
      return Expected.refused(EscrowError.LEVERAGE);
    }
    final long notional = ceilDiv(BigInteger.valueOf(t.size()).multiply(BigInteger.valueOf(t.price())),
        BigInteger.TEN.pow(m.baseDecimals()));
    final long required = ceilDiv(BigInteger.valueOf(notional).multiply(BigInteger.valueOf(m.initialMarginBps())),
        BigInteger.valueOf(10_000));
    final long loss = ceilDiv(BigInteger.valueOf(Math.abs(t.price() - oracle)).multiply(BigInteger.valueOf(t.size())),
        BigInteger.TEN.pow(m.baseDecimals()));
    final boolean traderLong = t.side() == Side.LONG;
    final long traderLoss = traderLong == (oracle < t.price()) && oracle != t.price() ? loss : 0;
    final long makerLoss = oracle != t.price() && traderLoss == 0 ? loss : 0;
    if (t.traderMargin() < required + traderLoss || t.makerMargin() < required + makerLoss) {
      return Expected.refused(EscrowError.MARGIN_TOO_LOW);
    }
    final long takerFee = ceilDiv(BigInteger.valueOf(notional).multiply(BigInteger.valueOf(m.takerFeeBps())),
        BigInteger.valueOf(10_000));
    final long makerFee = ceilDiv(BigInteger.valueOf(notional).multiply(BigInteger.valueOf(m.makerFeeBps())),
        BigInteger.valueOf(10_000));
    if (trader.free() < t.traderMargin() + takerFee || maker.free() < t.makerMargin() + makerFee) {
      return Expected.refused(EscrowError.INSUFFICIENT_COLLATERAL);
    }
    return Expected.ok();
  }

  private static long ceilDiv(final BigInteger a, final BigInteger b) {
    return a.add(b).subtract(BigInteger.ONE).divide(b).longValueExact();
  }

  /**
   * The oracle price is checked before anything else a step expects; near the staleness limit the
   * model cannot know which side of it the program's clock is, so STALE_ORACLE is allowed there.
   */
  private static Expected whenFresh(final Expected e) {
    final long age = System.currentTimeMillis() - lastPostMs;
    if (age > MarketConfig.BTC_PERP.maxStalenessMs() + STALENESS_SLACK_MS) {
      return Expected.refused(EscrowError.STALE_ORACLE);
    }
    return age > MarketConfig.BTC_PERP.maxStalenessMs() - STALENESS_SLACK_MS ? e.or(EscrowError.STALE_ORACLE) : e;
  }

  private static long tokenBalance(final PublicKey wallet) throws RpcError {
    return EscrowAccounts.tokenAmount(validator.rpc.accountsData(List.of(wallet.toByteArray())).get(0).orElseThrow());
  }

  private static final class Skip extends Exception {
    Skip() {
      super(null, null, false, false);
    }
  }

  private static Open pick(final List<Open> open, final Random random) throws Skip {
    if (open.isEmpty()) {
      throw new Skip();
    }
    return open.get(random.nextInt(open.size()));
  }

  private static EscrowAccounts.Margin margin(final Ed25519KeyPair k) throws RpcError {
    return client.margin(EscrowClient.key(k)).orElseThrow();
  }

  private static EscrowAccounts.Position position(final Open o) {
    try {
      return client.position(o.match()).orElseThrow();
    } catch (RpcError e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The same match again changes nothing. It is refused where the program's order refuses it: by
   * the free-collateral check when the first open used up what covered it, else because the
   * position account exists.
   */
  private static void assertOpensOnce(final Signed<MatchTerms> match) throws RpcError {
    final PublicKey traderKey = new PublicKey(match.payload().trader().bytes());
    final EscrowAccounts.Margin trader = client.margin(traderKey).orElseThrow();
    final EscrowAccounts.Margin maker = client.margin(new PublicKey(match.payload().maker().bytes())).orElseThrow();
    final Expected again = expectedOpen(match.payload(), trader, maker);
    try {
      client.openPosition(admin, match);
      throw new AssertionError("the same match opened twice");
    } catch (RpcError e) {
      (again.success() ? Expected.refused(EscrowError.ACCOUNT_EXISTS) : again).check(e, "the same match again");
      assertEquals(trader, client.margin(traderKey).orElseThrow());
    }
  }

  private static void assertOnlyOwnersWithdraw(final Ed25519KeyPair owner, final Ed25519KeyPair thief) throws RpcError {
    if (owner == thief || margin(owner).free() == 0) {
      return;
    }
    final PublicKey victimMargin = client.program().margin(EscrowClient.key(owner)).address();
    try {
      client.send(List.of(client.instructions().raw(EscrowInstructions.amountData(3, 1),
          EscrowInstructions.signer(EscrowClient.key(thief)), EscrowInstructions.writable(victimMargin),
          EscrowInstructions.readonly(client.program().config().address()),
          EscrowInstructions.writable(client.program().vault().address()), EscrowInstructions.writable(WALLETS.get(thief)),
          EscrowInstructions.readonly(EscrowProgram.TOKEN_PROGRAM))), thief);
      throw new AssertionError("a non-owner withdrew");
    } catch (RpcError expected) {
      assertEquals(EscrowError.NOT_OWNER, EscrowError.of(expected.customError()));
    }
  }

  /**
   * -1 when a side's equity at the oracle is clearly below maintenance, +1 when both are clearly
   * above, 0 within the slack (funding accrued between this read and the call, and rounding).
   */
  private static int health(final EscrowAccounts.Position p) throws RpcError {
    final long oracle = client.market(1).orElseThrow().price();
    final BigInteger scale = BigInteger.TEN.pow(8);
    final BigInteger diff = BigInteger.valueOf(oracle - p.entryPrice()).multiply(BigInteger.valueOf(p.size()));
    final BigInteger traderPnl = (p.side() == 0 ? diff : diff.negate()).divide(scale);
    final BigInteger notional = BigInteger.valueOf(p.size()).multiply(BigInteger.valueOf(oracle)).add(scale)
        .subtract(BigInteger.ONE).divide(scale);
    final BigInteger maintenance = notional.multiply(BigInteger.valueOf(100)).add(BigInteger.valueOf(9_999))
        .divide(BigInteger.valueOf(10_000));
    final BigInteger slack = BigInteger.valueOf(1_000);
    final BigInteger lowest = BigInteger.valueOf(p.traderMargin()).add(traderPnl)
        .min(BigInteger.valueOf(p.makerMargin()).subtract(traderPnl));
    if (lowest.compareTo(maintenance.subtract(slack)) < 0) {
      return -1;
    }
    return lowest.compareTo(maintenance.add(slack)) >= 0 ? 1 : 0;
  }

  private static void assertInvariants(final List<Open> open) throws RpcError {
    final List<byte[]> keys = new ArrayList<>();
    for (final Ed25519KeyPair agent : AGENTS) {
      keys.add(client.program().margin(EscrowClient.key(agent)).address().toByteArray());
    }
    keys.add(client.program().config().address().toByteArray());
    keys.add(client.program().vault().address().toByteArray());
    keys.add(client.program().margin(EscrowClient.key(adversary.key)).address().toByteArray());
    final List<Optional<byte[]>> data = validator.rpc.accountsData(keys);
    // the adversary never trades: all it has is free collateral
    final EscrowAccounts.Margin adversaryMargin = EscrowAccounts.margin(data.get(AGENTS.size() + 2).orElseThrow());
    assertEquals(0, adversaryMargin.locked());
    long sum = adversaryMargin.free();
    for (int i = 0; i < AGENTS.size(); i++) {
      final EscrowAccounts.Margin m = EscrowAccounts.margin(data.get(i).orElseThrow());
      assertTrue(m.free() >= 0 && m.locked() >= 0 && m.openPositions() >= 0, "a balance wrapped: " + m);
      long locked = 0;
      long count = 0;
      for (final Open o : open) {
        final EscrowAccounts.Position p = position(o);
        if (o.trader() == AGENTS.get(i)) {
          locked += p.traderMargin();
          count++;
        }
        if (o.maker() == AGENTS.get(i)) {
          locked += p.makerMargin();
          count++;
        }
      }
      assertEquals(locked, m.locked(), "locked margin of agent " + i);
      assertEquals(count, m.openPositions(), "open positions of agent " + i);
      sum = Math.addExact(sum, Math.addExact(m.free(), m.locked()));
    }
    final EscrowAccounts.Config config = EscrowAccounts.config(data.get(AGENTS.size()).orElseThrow());
    assertTrue(config.insuranceFund() >= 0 && config.feeTreasury() >= 0);
    final long vault = EscrowAccounts.tokenAmount(data.get(AGENTS.size() + 1).orElseThrow());
    assertEquals(vault, sum + config.feeTreasury() + config.insuranceFund(), "money conservation");
  }
}
