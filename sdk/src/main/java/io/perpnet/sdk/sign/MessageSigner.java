package io.perpnet.sdk.sign;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.identity.KeyFile;
import io.perpnet.consensus.market.MarketParams;
import io.perpnet.consensus.message.Accept;
import io.perpnet.consensus.message.Cancel;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.Intent;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Messages;
import io.perpnet.consensus.message.Payload;
import io.perpnet.consensus.message.Quote;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Builds and signs the network's messages for an agent that holds its own key, over the consensus
 * module's layouts: every message is domain-separated by its type tag and bound to the escrow
 * program, its market, an expiry and a fresh nonce (its {@link Header}). Amounts are the wire's
 * fixed-point units: sizes in base units at the market's decimals, prices and USDC at 6.
 */
public final class MessageSigner {
  private final Ed25519KeyPair key;
  private final Bytes32 program;
  private final Nonces nonces;
  private final LongSupplier clock;

  public MessageSigner(final Ed25519KeyPair key, final Bytes32 program, final Nonces nonces,
      final LongSupplier clockMs) {
    this.key = key;
    this.program = program;
    this.nonces = nonces;
    this.clock = clockMs;
  }

  /** The key file (Solana CLI format) and the program id (base58), on the wall clock. */
  public static MessageSigner fromKeyFile(final Path keyFile, final String programId) throws IOException {
    return new MessageSigner(KeyFile.read(keyFile), Bytes32.wrap(Ed25519PublicKey.fromAddress(programId).bytes()),
        Nonces.wallClock(), System::currentTimeMillis);
  }

  public Ed25519PublicKey publicKey() {
    return key.publicKey();
  }

  private Header header(final int market, final long lifetimeMs) {
    if (lifetimeMs <= 0) {
      throw new IllegalArgumentException("a lifetime must be positive");
    }
    return new Header(market, program, Math.addExact(clock.getAsLong(), lifetimeMs), nonces.next());
  }

  /** An intent to open a position (the trader signs). */
  public Signed<Intent> intent(final MarketParams market, final Side side, final long size, final long limitPrice,
      final int leverage, final long lifetimeMs) {
    return intent(market, side, size, limitPrice, 0, 1_000, leverage, lifetimeMs);
  }

  public Signed<Intent> intent(final MarketParams market, final Side side, final long size, final long limitPrice,
      final long minFill, final int maxFundingPpm, final int leverage, final long lifetimeMs) {
    return Signed.sign(new Intent(header(market.id(), lifetimeMs), key.publicKey(), size, limitPrice, minFill,
        maxFundingPpm, leverage, side), key);
  }

  /** A maker's quote for {@code intent}, bound to it by its hash. */
  public Signed<Quote> quote(final Signed<Intent> intent, final long price, final long size, final int fundingPpm,
      final int makerLeverage, final long lifetimeMs) {
    return Signed.sign(new Quote(header(intent.payload().header().market(), lifetimeMs), key.publicKey(),
        intent.hash(), price, size, fundingPpm, makerLeverage), key);
  }

  /** The trader's acceptance of {@code quote} for {@code fillSize} base units. */
  public Signed<Accept> accept(final Signed<Quote> quote, final long fillSize, final long lifetimeMs) {
    return Signed.sign(new Accept(header(quote.payload().header().market(), lifetimeMs), key.publicKey(),
        quote.hash(), fillSize), key);
  }

  /** Withdraws our own intent or quote; valid as long as the target. */
  public Signed<Cancel> cancel(final Signed<? extends Payload> target) {
    final Header t = target.payload().header();
    return Signed.sign(new Cancel(new Header(t.market(), program, t.expiryMs(), nonces.next()), key.publicKey(),
        target.hash()), key);
  }

  /** Close terms for the whole of {@code match} at {@code price}: both parties sign the same terms. */
  public CloseTerms closeTerms(final Signed<MatchTerms> match, final long price, final long lifetimeMs) {
    final MatchTerms m = match.payload();
    return new CloseTerms(header(m.header().market(), lifetimeMs), match.hash(), m.trader(), m.maker(), price,
        m.size());
  }

  /** Our signature over a payload that others sign too (close terms, match terms). */
  public byte[] signatureOver(final Payload payload) {
    if (!payload.signers().contains(key.publicKey())) {
      throw new IllegalArgumentException("we are not a signer of this " + payload.type());
    }
    return key.sign(Messages.encode(payload));
  }

  /** Close terms with both halves, in signer order (trader, then maker). */
  public static Signed<CloseTerms> combine(final CloseTerms terms, final byte[] traderSignature,
      final byte[] makerSignature) {
    return Signed.of(terms, List.of(traderSignature, makerSignature));
  }
}
