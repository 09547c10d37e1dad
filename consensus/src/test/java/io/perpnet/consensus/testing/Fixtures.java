package io.perpnet.consensus.testing;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Cancel;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.Agreement;
import io.perpnet.consensus.validation.InMemoryNonceRegistry;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.ValidationContext;
import java.util.Map;

/**
 * Deterministic keys, context and a valid trade flow (intent, quote, accept, match, close) for
 * tests in every module. Keys come from fixed seeds, and Ed25519 signatures are deterministic, so
 * every byte here is reproducible.
 */
public final class Fixtures {
  public static final Ed25519KeyPair TRADER = key(0x11);
  public static final Ed25519KeyPair MAKER = key(0x22);
  public static final Ed25519KeyPair OUTSIDER = key(0x33);
  public static final Ed25519KeyPair[] ORACLES = {key(0x41), key(0x42), key(0x43)};
  /** A stand-in escrow program id: 32 bytes 0xE5 0x01 0x02 ... */
  public static final Bytes32 PROGRAM = programId();
  public static final MarketParams BTC = MarketParams.BTC_PERP;
  /** 2026-01-01T00:00:00Z. */
  public static final long NOW = 1_767_225_600_000L;

  /** 67,250.50 USDC per BTC in price units (10^-6 USDC). */
  public static final long PRICE = 67_250_500_000L;
  /** 0.015 BTC in base units (10^-8 BTC). */
  public static final long SIZE = 1_500_000L;

  private Fixtures() {}

  public static Ed25519KeyPair key(final int fill) {
    final byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) {
      seed[i] = (byte) (fill + i);
    }
    return Ed25519KeyPair.fromSeed(seed);
  }

  private static Bytes32 programId() {
    final byte[] id = new byte[32];
    id[0] = (byte) 0xE5;
    for (int i = 1; i < 32; i++) {
      id[i] = (byte) i;
    }
    return Bytes32.wrap(id);
  }

  public static ValidationContext context() {
    return new ValidationContext(PROGRAM, Map.of(BTC.id(), BTC), ValidationContext.DEFAULT_MAX_LIFETIME_MS,
        new InMemoryNonceRegistry());
  }

  public static Header header(final long expiryMs, final long nonce) {
    return new Header(BTC.id(), PROGRAM, expiryMs, nonce);
  }

  public static Signed<Intent> intent() {
    return Signed.sign(new Intent(header(NOW + 5_000, 1), TRADER.publicKey(), 2 * SIZE, PRICE + 50_000_000L,
        SIZE / 2, 1_000, 10, Side.LONG), TRADER);
  }

  public static Signed<Quote> quote(final Signed<Intent> intent) {
    return Signed.sign(new Quote(header(NOW + 3_000, 7), MAKER.publicKey(), intent.hash(), PRICE, 2 * SIZE, 500, 20),
        MAKER);
  }

  public static Signed<Accept> accept(final Signed<Quote> quote) {
    return Signed.sign(new Accept(header(NOW + 30_000, 2), TRADER.publicKey(), quote.hash(), SIZE), TRADER);
  }

  /** The full valid flow, with match terms signed by both parties. */
  public record Flow(Signed<Intent> intent, Signed<Quote> quote, Signed<Accept> accept, Signed<MatchTerms> match) {}

  public static Flow flow() {
    final Signed<Intent> intent = intent();
    final Signed<Quote> quote = quote(intent);
    final Signed<Accept> accept = accept(quote);
    try {
      final MatchTerms terms = Agreement.derive(intent, quote, accept, BTC);
      return new Flow(intent, quote, accept, Signed.sign(terms, TRADER, MAKER));
    } catch (RejectedException e) {
      throw new IllegalStateException("the fixture flow must be valid", e);
    }
  }

  public static Signed<Cancel> cancel(final Signed<Intent> intent) {
    return Signed.sign(new Cancel(header(NOW + 5_000, 3), TRADER.publicKey(), intent.hash()), TRADER);
  }

  public static Signed<CloseTerms> close(final Signed<MatchTerms> match) {
    return Signed.sign(new CloseTerms(header(NOW + 60_000, 4), match.hash(), TRADER.publicKey(), MAKER.publicKey(),
        PRICE + 1_000_000_000L, SIZE), TRADER, MAKER);
  }

  public static Signed<PriceAttestation> attestation(final int oracle, final long price, final long publishTimeMs) {
    final Ed25519KeyPair key = ORACLES[oracle];
    return Signed.sign(new PriceAttestation(header(publishTimeMs + 60_000, publishTimeMs), key.publicKey(), price,
        publishTimeMs), key);
  }
}
