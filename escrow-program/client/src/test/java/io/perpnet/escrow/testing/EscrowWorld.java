package io.perpnet.escrow.testing;

import io.perpnet.escrow.client.EscrowClient;
import io.perpnet.escrow.client.EscrowProgram;
import io.perpnet.escrow.token.SplToken;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.consensus.validation.Agreement;
import io.perpnet.escrow.rpc.RpcError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.p2p.solanaj.core.PublicKey;

/**
 * One local validator with the escrow deployed and initialized, a USDC mint, and the steps the
 * end-to-end tests share: funding keys, setting oracles, posting prices, onboarding agents and
 * building doubly signed match terms bound to this deployment.
 */
public final class EscrowWorld implements AutoCloseable {
  public static final long USDC = 1_000_000L;

  public final LocalValidator validator;
  public final EscrowClient client;
  public final Bytes32 programId;
  public final Ed25519KeyPair admin;
  public final SplToken token;
  public final PublicKey mint;
  public final PublicKey vault;
  private long nonce = 1;

  private EscrowWorld(final LocalValidator validator, final Ed25519KeyPair admin) throws RpcError {
    this.validator = validator;
    this.client = new EscrowClient(validator.rpc, new EscrowProgram(new PublicKey(validator.programId)));
    this.programId = Bytes32.wrap(client.program().programId().toByteArray());
    this.admin = funded(admin);
    this.token = new SplToken(client, validator.rpc, admin);
    this.mint = token.createMint();
    client.initialize(admin, mint);
    this.vault = client.program().vault().address();
  }

  public static EscrowWorld start() throws Exception {
    return start(LocalValidator.PROGRAM_ID);
  }

  /** With the program deployed at {@code programId} (base58); the admin is its upgrade authority. */
  public static EscrowWorld start(final String programId) throws Exception {
    final Ed25519KeyPair admin = Ed25519KeyPair.generate();
    return new EscrowWorld(LocalValidator.start(programId, admin), admin);
  }

  public long nextNonce() {
    return nonce++;
  }

  public Ed25519KeyPair funded(final Ed25519KeyPair k) throws RpcError {
    validator.rpc.awaitConfirmation(validator.rpc.requestAirdrop(k.publicKey().bytes(), 100_000_000_000L),
        Duration.ofSeconds(30));
    return k;
  }

  /** The first {@code count} fixture oracles, with threshold k. */
  public void oracles(final int threshold, final int count) throws RpcError {
    final List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(EscrowClient.key(Fixtures.ORACLES[i]));
    }
    client.setOracles(admin, threshold, keys);
  }

  /** An attestation bound to this deployment, published {@code ageMs} ago. */
  public Signed<PriceAttestation> attest(final Ed25519KeyPair oracle, final int market, final Bytes32 program,
      final long price, final long ageMs) {
    final long now = System.currentTimeMillis();
    return Signed.sign(new PriceAttestation(new Header(market, program, now + 60_000, nextNonce()), oracle.publicKey(),
        price, now - ageMs), oracle);
  }

  /** Fresh attestations of {@code price} by the first {@code oracles} fixture oracles, posted. */
  public void postPrice(final int market, final long price, final int oracles) throws RpcError {
    final List<Signed<PriceAttestation>> atts = new ArrayList<>();
    for (int i = 0; i < oracles; i++) {
      atts.add(attest(Fixtures.ORACLES[i], market, programId, price, 0));
    }
    client.postPrices(admin, market, atts);
  }

  /** Funds {@code agent}, gives it a USDC wallet holding {@code minted}, a margin account and {@code deposited} in it. */
  public PublicKey onboard(final Ed25519KeyPair agent, final long minted, final long deposited) throws RpcError {
    funded(agent);
    final PublicKey wallet = token.createAccount(mint, EscrowClient.key(agent), minted);
    client.createMargin(agent);
    if (deposited > 0) {
      client.deposit(agent, wallet, deposited);
    }
    return wallet;
  }

  /** Intent, quote and accept bound to this deployment, and the match terms both parties sign. */
  public Signed<MatchTerms> match(final Ed25519KeyPair trader, final Ed25519KeyPair maker, final MarketParams market,
      final Trade trade) throws Exception {
    final long now = System.currentTimeMillis();
    final Signed<Intent> intent = Signed.sign(new Intent(new Header(market.id(), programId, now + 60_000, nextNonce()),
        trader.publicKey(), trade.size(), trade.side() == Side.LONG ? Long.MAX_VALUE / 4 : 1, 0, 10_000,
        trade.leverage(), trade.side()), trader);
    final Signed<Quote> quote = Signed.sign(new Quote(new Header(market.id(), programId, now + 60_000, nextNonce()),
        maker.publicKey(), intent.hash(), trade.price(), trade.size(), trade.fundingPpm(), trade.makerLeverage()), maker);
    final Signed<Accept> accept = Signed.sign(new Accept(new Header(market.id(), programId, trade.acceptExpiryMs(),
        nextNonce()), trader.publicKey(), quote.hash(), trade.size()), trader);
    return Signed.sign(Agreement.derive(intent, quote, accept, market), trader, maker);
  }

  /** What a trade's messages say; {@link #of} fills the usual rest. */
  public record Trade(long size, long price, int leverage, Side side, int makerLeverage, int fundingPpm, long acceptExpiryMs) {
    public static Trade of(final long size, final long price, final int leverage) {
      return new Trade(size, price, leverage, Side.LONG, 20, 500, System.currentTimeMillis() + 30_000);
    }

    public Trade expiringAt(final long ms) {
      return new Trade(size, price, leverage, side, makerLeverage, fundingPpm, ms);
    }

    public Trade side(final Side s) {
      return new Trade(size, price, leverage, s, makerLeverage, fundingPpm, acceptExpiryMs);
    }

    public Trade maker(final int leverage, final int funding) {
      return new Trade(size, price, this.leverage, side, leverage, funding, acceptExpiryMs);
    }
  }

  @Override
  public void close() throws InterruptedException {
    validator.close();
  }
}
