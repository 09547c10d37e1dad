package io.perpnet.node.fills;

import io.perpnet.consensus.identity.Base58;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.client.Settlement;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaRpc;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Builds our fills from what the chain says: an open from the match and the market's fee rates
 * (and the position's first transaction), a close from the settlement log of the position's last
 * successful transaction, whoever sent it.
 */
final class FillResolver {
  /** The chain calls a fill needs (the RPC's, or a test's). */
  interface History {
    List<SolanaRpc.AddressSignature> signaturesFor(byte[] address, int limit) throws RpcError;

    Optional<SolanaRpc.Landed> landed(String signature) throws RpcError;
  }

  /** A position's account address from its match. */
  interface Addresses {
    byte[] position(Signed<MatchTerms> match);
  }

  private static final int HISTORY_LIMIT = 1000;
  private final History history;
  private final Addresses addresses;
  private final IntFunction<Optional<MarketConfig>> markets;
  private final Ed25519PublicKey self;

  FillResolver(final History history, final Addresses addresses, final IntFunction<Optional<MarketConfig>> markets,
      final Ed25519PublicKey self) {
    this.history = history;
    this.addresses = addresses;
    this.markets = markets;
    this.self = self;
  }

  /** The open of our position of {@code match}, opened at {@code openedMs} (the chain's clock); empty: market unknown. */
  Optional<Fill> open(final Signed<MatchTerms> match, final long openedMs) throws RpcError {
    final MatchTerms m = match.payload();
    final Optional<MarketConfig> market = markets.apply(m.header().market());
    if (market.isEmpty()) {
      return Optional.empty();
    }
    final boolean maker = m.maker().equals(self);
    final List<SolanaRpc.AddressSignature> all = history.signaturesFor(addresses.position(match), HISTORY_LIMIT);
    byte[] signature = new byte[Fill.SIGNATURE_LENGTH];
    for (final SolanaRpc.AddressSignature s : all) { // newest first: the open is the last that succeeded
      if (!s.failed()) {
        signature = Base58.decode(s.signature());
      }
    }
    final int bps = maker ? market.get().makerFeeBps() : market.get().takerFeeBps();
    return Optional.of(new Fill(match.hash().bytes(), Fill.Kind.OPEN, maker, weAreLong(m, maker),
        m.header().market(), m.size(), m.price(), openFee(m.size(), m.price(), market.get().baseDecimals(), bps), 0, 0,
        maker ? m.makerMargin() : m.traderMargin(), 0, openedMs, signature));
  }

  /** The close of our position of {@code match}; empty while no successful transaction with a settlement is found. */
  Optional<Fill> close(final Signed<MatchTerms> match, final long nowMs) throws RpcError {
    final MatchTerms m = match.payload();
    final boolean maker = m.maker().equals(self);
    for (final SolanaRpc.AddressSignature s : history.signaturesFor(addresses.position(match), 10)) {
      if (s.failed()) {
        continue; // a refused settle_funding or close after the close
      }
      final Optional<SolanaRpc.Landed> tx = history.landed(s.signature());
      final Optional<Settlement> settled = tx.flatMap(t -> Settlement.fromLogs(t.logs()));
      if (settled.isEmpty()) {
        return Optional.empty(); // the newest success is not a close (yet): try again later
      }
      final Settlement st = settled.get();
      final boolean trader = !maker;
      final long margin = maker ? m.makerMargin() : m.traderMargin();
      final long at = tx.get().blockTimeMs() > 0 ? tx.get().blockTimeMs() : nowMs;
      return Optional.of(new Fill(match.hash().bytes(), kind(st.how()), maker, weAreLong(m, maker),
          m.header().market(), m.size(), st.price(), st.feeOf(trader), Math.subtractExact(st.marginOf(trader), margin),
          st.pnlOf(trader), margin, st.finalOf(trader), at, Base58.decode(s.signature())));
    }
    return Optional.empty();
  }

  private static Fill.Kind kind(final Settlement.How how) {
    return switch (how) {
      case AT_MARK -> Fill.Kind.CLOSED_AT_MARK;
      case MUTUAL -> Fill.Kind.CLOSED_BY_AGREEMENT;
      case LIQUIDATED -> Fill.Kind.LIQUIDATED;
    };
  }

  private static boolean weAreLong(final MatchTerms m, final boolean maker) {
    return (m.side() == Side.LONG) != maker;
  }

  /** The program's open fee: {@code ceil(ceil(size x price / 10^decimals) x bps / 10,000)}. */
  static long openFee(final long size, final long price, final int baseDecimals, final int bps) {
    final BigInteger notional = ceilDiv(BigInteger.valueOf(size).multiply(BigInteger.valueOf(price)),
        BigInteger.TEN.pow(baseDecimals));
    return ceilDiv(notional.multiply(BigInteger.valueOf(bps)), BigInteger.valueOf(10_000)).longValueExact();
  }

  private static BigInteger ceilDiv(final BigInteger a, final BigInteger b) {
    final BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}
