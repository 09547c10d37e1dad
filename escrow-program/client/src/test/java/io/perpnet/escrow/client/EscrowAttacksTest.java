package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.EscrowWorld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.tx.Ed25519Precompile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.SystemProgram;

/**
 * The attacks of the security review (escrow-program/SECURITY.md) against the deployed program,
 * each refused with its own error while every balance stays as it was.
 */
class EscrowAttacksTest {
  private static final long USDC = EscrowWorld.USDC;
  private static final long PRICE = 60_000_000_000L; // 60,000 USDC per BTC
  private static EscrowWorld world;
  private static EscrowClient client;
  private static Ed25519KeyPair admin;
  private static final Ed25519KeyPair TRADER = Fixtures.TRADER;
  private static final Ed25519KeyPair MAKER = Fixtures.MAKER;

  @BeforeAll
  static void setUp() throws Exception {
    world = EscrowWorld.start();
    client = world.client;
    admin = world.admin;
    world.oracles(2, 3);
    client.createMarket(admin, MarketConfig.BTC_PERP);
    world.postPrice(1, PRICE, 3);
    world.onboard(TRADER, 100_000 * USDC, 50_000 * USDC);
    world.onboard(MAKER, 100_000 * USDC, 50_000 * USDC);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (world != null) {
      world.close();
    }
  }

  /** Every balance the attacks could move: both margins, the vault, the insurance fund and the fee treasury. */
  private static List<Object> balances() throws RpcError {
    final EscrowAccounts.Config config = client.config().orElseThrow();
    return List.of(client.margin(EscrowClient.key(TRADER)).orElseThrow(), client.margin(EscrowClient.key(MAKER)).orElseThrow(),
        world.token.balance(world.vault), config.insuranceFund(), config.feeTreasury());
  }

  private static void refused(final EscrowError expected, final Executable attack) throws RpcError {
    final List<Object> before = balances();
    final RpcError e = assertThrows(RpcError.class, attack);
    assertEquals(expected, EscrowError.of(e.customError()), e.getMessage());
    assertEquals(before, balances(), "an attack moved money");
  }

  private static TransactionInstruction withAccount(final TransactionInstruction ix, final int index, final AccountMeta meta,
      final byte[] data) {
    final List<AccountMeta> keys = new ArrayList<>(ix.getKeys());
    keys.set(index, meta);
    return new TransactionInstruction(ix.getProgramId(), keys, data);
  }

  private static Signed<MatchTerms> trade(final long size, final long price, final int traderLeverage,
      final int makerLeverage) throws Exception {
    return world.match(TRADER, MAKER, MarketParams.BTC_PERP,
        EscrowWorld.Trade.of(size, price, traderLeverage).maker(makerLeverage, 500));
  }

  @Test
  void aSecondConfigAtAnotherBumpCannotBeCreated() throws Exception {
    final List<byte[]> seeds = List.of("config".getBytes(StandardCharsets.US_ASCII));
    final OtherBump other = OtherBump.below(seeds, client.program().config().bump(), client.program().programId());
    final TransactionInstruction real = client.instructions().initialize(EscrowClient.key(admin), world.mint);
    final byte[] data = real.getData().clone();
    data[1] = (byte) other.bump();
    refused(EscrowError.INVALID_PDA, () -> client.send(List.of(withAccount(real, 1,
        EscrowInstructions.writable(other.address()), data)), admin));
  }

  @Test
  void aSecondMarginOrMarketAtAnotherBumpCannotBeCreated() throws Exception {
    final List<byte[]> marginSeeds = List.of("margin".getBytes(StandardCharsets.US_ASCII), EscrowClient.key(TRADER).toByteArray());
    final OtherBump otherMargin = OtherBump.below(marginSeeds, client.program().margin(EscrowClient.key(TRADER)).bump(),
        client.program().programId());
    final TransactionInstruction margin = client.instructions().createMargin(EscrowClient.key(TRADER));
    refused(EscrowError.INVALID_PDA, () -> client.send(List.of(withAccount(margin, 1,
        EscrowInstructions.writable(otherMargin.address()),
        new byte[] {EscrowInstructions.CREATE_MARGIN, (byte) otherMargin.bump()})), TRADER));

    final List<byte[]> marketSeeds = List.of("market".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 0, 0, 0});
    final OtherBump otherMarket = OtherBump.below(marketSeeds, client.program().market(1).bump(), client.program().programId());
    final TransactionInstruction market = client.instructions().createMarket(EscrowClient.key(admin), MarketConfig.BTC_PERP);
    final byte[] data = market.getData().clone();
    data[1] = (byte) otherMarket.bump();
    refused(EscrowError.INVALID_PDA, () -> client.send(List.of(withAccount(market, 2,
        EscrowInstructions.writable(otherMarket.address()), data)), admin));
  }

  /** The position's bump is in the signed terms: any other bump, even one that gives an address, is refused. */
  @Test
  void signedTermsOpenOnceAndNeverAtAnotherPositionBump() throws Exception {
    final Signed<MatchTerms> match = trade(1_000_000L, PRICE, 10, 10);
    final List<byte[]> seeds = List.of("position".getBytes(StandardCharsets.US_ASCII), match.hash().bytes());
    final OtherBump other = OtherBump.below(seeds, client.program().position(match.payload()).bump(),
        client.program().programId());
    final MatchTerms t = match.payload();
    final TransactionInstruction open = client.instructions().openPosition(EscrowClient.key(admin), 1, client.program().position(match.payload()),
        new PublicKey(t.trader().bytes()), new PublicKey(t.maker().bytes()), 0, 1);
    final TransactionInstruction elsewhere = withAccount(open, 5, EscrowInstructions.writable(other.address()),
        new byte[] {EscrowInstructions.OPEN_POSITION, (byte) other.bump(), 0, 1});
    refused(EscrowError.INVALID_PDA, () -> client.send(List.of(
        Ed25519Precompile.verify(t.trader(), match.signature(0), match.bytes()),
        Ed25519Precompile.verify(t.maker(), match.signature(1), match.bytes()), elsewhere), admin));
    client.openPosition(admin, match);
    refused(EscrowError.ACCOUNT_EXISTS, () -> client.openPosition(admin, match));
  }

  @Test
  void aMutualCloseCannotDrawOnTheInsuranceFund() throws Exception {
    // one person holding both keys opens a position and closes it at three times the price
    final Signed<MatchTerms> match = trade(1_000_000L, PRICE, 10, 10);
    client.openPosition(admin, match);
    final Signed<CloseTerms> extreme = Signed.sign(new CloseTerms(new Header(1, world.programId,
        System.currentTimeMillis() + 30_000, world.nextNonce()), match.hash(), TRADER.publicKey(), MAKER.publicKey(),
        PRICE * 3, match.payload().size()), TRADER, MAKER);
    refused(EscrowError.CLOSE_BEYOND_MARGIN, () -> client.closeMutual(admin, client.position(match).orElseThrow(), extreme));
    // at a price the loser's margin covers, the same close goes through
    final Signed<CloseTerms> fair = Signed.sign(new CloseTerms(new Header(1, world.programId,
        System.currentTimeMillis() + 30_000, world.nextNonce()), match.hash(), TRADER.publicKey(), MAKER.publicKey(),
        PRICE + PRICE / 20, match.payload().size()), TRADER, MAKER);
    client.closeMutual(admin, client.position(match).orElseThrow(), fair);
    assertTrue(client.position(match).orElseThrow().closed());
  }

  @Test
  void aPositionCannotOpenAlreadyBankrupt() throws Exception {
    // 1% above the oracle (inside the band) at 50x: the margin is the initial margin, with nothing for the 1% loss
    refused(EscrowError.MARGIN_TOO_LOW, () -> client.openPosition(admin, trade(1_000_000L, PRICE + PRICE / 100, 50, 10)));
    // a market whose band is wider than initial minus maintenance margin is refused
    final MarketConfig d = MarketConfig.BTC_PERP;
    final MarketConfig wide = new MarketConfig(7, "WIDE-PERP", 8, 50, 200, 100, d.takerFeeBps(), d.makerFeeBps(),
        d.liquidationFeeBps(), d.liquidatorShareBps(), d.maxOracleSpreadBps(), 500, d.fundingCapPpm(), d.maxStalenessMs());
    refused(EscrowError.INVALID_MARKET_PARAMS, () -> client.createMarket(admin, wide));
    refused(EscrowError.INVALID_MARKET_PARAMS, () -> client.updateMarket(admin,
        new MarketConfig(1, d.symbol(), 8, 50, 200, 100, d.takerFeeBps(), d.makerFeeBps(), d.liquidationFeeBps(),
            d.liquidatorShareBps(), d.maxOracleSpreadBps(), 500, d.fundingCapPpm(), d.maxStalenessMs())));
  }

  @Test
  void theSubmitterCannotPickTheOraclePrice() throws Exception {
    final int market = 2;
    client.createMarket(admin, MarketConfig.ETH_PERP);
    final long eth = 3_000_000_000L;
    final Signed<PriceAttestation> a0 = world.attest(Fixtures.ORACLES[0], market, world.programId, eth, 2);
    final Signed<PriceAttestation> a1 = world.attest(Fixtures.ORACLES[1], market, world.programId, eth + 6_000_000, 2);
    client.postPrices(admin, market, List.of(a0, a1));
    assertEquals(eth + 3_000_000, client.market(market).orElseThrow().price());
    // a submitter holding only the lowest price posts it alone: the mark is the median of all three fresh prices
    final Signed<PriceAttestation> low = world.attest(Fixtures.ORACLES[2], market, world.programId, eth - 9_000_000, 1);
    client.postPrices(admin, market, List.of(low));
    assertEquals(eth, client.market(market).orElseThrow().price());
    // posting the same attestations again (or an older one of an oracle) is refused
    refused(EscrowError.STALE_PRICE, () -> client.postPrices(admin, market, List.of(low)));
    refused(EscrowError.STALE_PRICE, () -> client.postPrices(admin, market, List.of(a0, a1)));
    assertEquals(eth, client.market(market).orElseThrow().price());
  }

  @Test
  void settlingFundingObeysTheGlobalPause() throws Exception {
    final Signed<MatchTerms> match = trade(1_000_000L, PRICE, 10, 10);
    client.openPosition(admin, match);
    final EscrowAccounts.Position position = client.position(match).orElseThrow();
    client.setPaused(admin, null, true);
    try {
      refused(EscrowError.PAUSED, () -> client.settleFunding(admin, position));
    } finally {
      client.setPaused(admin, null, false);
    }
    client.settleFunding(admin, position);
  }

  @Test
  void lamportsSentToAnAddressFirstDoNotBlockItsCreation() throws Exception {
    final Signed<MatchTerms> match = trade(1_000_000L, PRICE, 10, 10);
    final PublicKey position = client.program().position(match.payload()).address();
    final Ed25519KeyPair griefer = world.funded(Ed25519KeyPair.generate());
    client.send(List.of(SystemProgram.transfer(EscrowClient.key(griefer), position, 1_000_000L)), griefer);
    client.openPosition(admin, match);
    assertEquals(match.payload().size(), client.position(match).orElseThrow().size());
  }
}
