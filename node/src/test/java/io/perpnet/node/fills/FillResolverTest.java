package io.perpnet.node.fills;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Base58;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.client.MarketConfig;
import io.perpnet.escrow.rpc.SolanaRpc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FillResolverTest {
  private static final Ed25519KeyPair TRADER = Ed25519KeyPair.fromSeed(new byte[32]);
  private static final Ed25519KeyPair MAKER = Ed25519KeyPair.fromSeed(filled(1));
  private static final MarketConfig BTC = new MarketConfig(1, "BTC-PERP", 8, 50, 200, 100, 5, 2, 50, 5_000, 100,
      500, 1_000, 60_000);
  // 0.015 BTC long at 67,050 with 100 USDC margins
  private static final Signed<MatchTerms> MATCH = Signed.sign(new MatchTerms(new Header(1, Bytes32.wrap(new byte[32]), 1_000, 1),
      TRADER.publicKey(), MAKER.publicKey(), Bytes32.wrap(filled(2)), Bytes32.wrap(filled(3)), Bytes32.wrap(filled(4)),
      67_050_000_000L, 1_500_000L, 100_000_000L, 100_000_000L, 10, 10, Side.LONG, 255), TRADER, MAKER);
  private static final String OPEN = sig(5);
  private static final String FUNDING = sig(6);
  private static final String CLOSE = sig(7);
  private static final String REFUSED = sig(8);

  private static byte[] filled(final int v) {
    final byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  private static String sig(final int v) {
    final byte[] b = new byte[64];
    java.util.Arrays.fill(b, (byte) v);
    return Base58.encode(b);
  }

  /** A chain whose position history is given newest first, with each transaction's logs. */
  private static final class Chain implements FillResolver.History {
    final List<SolanaRpc.AddressSignature> history = new ArrayList<>();
    final Map<String, List<String>> logs = new HashMap<>();

    Chain tx(final String signature, final boolean failed, final String... lines) {
      history.addFirst(new SolanaRpc.AddressSignature(signature, history.size(), failed));
      logs.put(signature, List.of(lines));
      return this;
    }

    @Override
    public List<SolanaRpc.AddressSignature> signaturesFor(final byte[] address, final int limit) {
      return history.subList(0, Math.min(limit, history.size()));
    }

    @Override
    public Optional<SolanaRpc.Landed> landed(final String signature) {
      return Optional.ofNullable(logs.get(signature)).map(l -> new SolanaRpc.Landed(signature, 1, 1_700_000_000_000L,
          false, l));
    }
  }

  private static FillResolver resolver(final Chain chain, final Ed25519KeyPair self) {
    return new FillResolver(chain, m -> new byte[32], id -> id == 1 ? Optional.of(BTC) : Optional.empty(),
        self.publicKey());
  }

  @Test
  void anOpenIsTheFirstSuccessfulTransactionWithTheProgramsFee() throws Exception {
    final Chain chain = new Chain().tx(sig(9), true).tx(OPEN, false).tx(FUNDING, false);
    final Fill trader = resolver(chain, TRADER).open(MATCH, 123L).orElseThrow();
    assertArrayEquals(Base58.decode(OPEN), trader.signature());
    assertEquals(Fill.Kind.OPEN, trader.kind());
    assertEquals(502_875L, trader.fee(), "ceil(ceil(0.015 BTC x 67,050) x 5 / 10,000): 1,005.75 USDC x 5 bps");
    assertEquals(123L, trader.atMs());
    assertTrue(trader.weAreLong());
    final Fill maker = resolver(chain, MAKER).open(MATCH, 123L).orElseThrow();
    assertEquals(201_150L, maker.fee(), "the maker's 2 bps");
    assertTrue(!maker.weAreLong() && maker.weAreMaker());
  }

  @Test
  void aCloseIsItemisedFromItsSettlementLogForEitherSide() throws Exception {
    // closed at mark 67,000 by the trader: PnL 0.75 USDC to the maker, fee 0.5025, 10 units of funding to the maker
    final Chain chain = new Chain().tx(OPEN, false).tx(CLOSE, false,
        "Program log: 0x434c4f5300000a02, 0xf9982de00, 0xb71b0, 0x7aae4, 0x0",
        "Program log: 0x4d52474e00000000, 0x5f5e0f6, 0x5f5e10a, 0x5e2c462, 0x60152ba").tx(REFUSED, true);
    final Fill trader = resolver(chain, TRADER).close(MATCH, 1L).orElseThrow();
    assertEquals(Fill.Kind.CLOSED_AT_MARK, trader.kind());
    assertArrayEquals(Base58.decode(CLOSE), trader.signature(), "the refused one after it is skipped");
    assertEquals(67_000_000_000L, trader.price());
    assertEquals(-750_000L, trader.pnl());
    assertEquals(502_500L, trader.fee());
    assertEquals(-10L, trader.funding());
    assertEquals(98_747_490L, trader.returned());
    assertEquals(1_700_000_000_000L, trader.atMs());
    final Fill maker = resolver(chain, MAKER).close(MATCH, 1L).orElseThrow();
    assertEquals(750_000L, maker.pnl());
    assertEquals(0L, maker.fee());
    assertEquals(10L, maker.funding());
  }

  @Test
  void noCloseYetWhileTheNewestSuccessIsNotOne() throws Exception {
    assertTrue(resolver(new Chain().tx(OPEN, false).tx(FUNDING, false), TRADER).close(MATCH, 1L).isEmpty());
    assertTrue(resolver(new Chain(), TRADER).close(MATCH, 1L).isEmpty());
  }

  @Test
  void anUnknownMarketGivesNoOpen() throws Exception {
    final Signed<MatchTerms> other = Signed.sign(new MatchTerms(new Header(7, Bytes32.wrap(new byte[32]), 1_000, 1),
        TRADER.publicKey(), MAKER.publicKey(), Bytes32.wrap(filled(2)), Bytes32.wrap(filled(3)), Bytes32.wrap(filled(4)),
        1L, 1L, 1L, 1L, 0, 1, Side.LONG, 255), TRADER, MAKER);
    assertTrue(resolver(new Chain().tx(OPEN, false), TRADER).open(other, 1L).isEmpty());
  }
}
