package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.RejectedException;
import java.util.List;
import java.util.Objects;

/**
 * What trader and market maker both sign and the escrow's open_position verifies (two Ed25519
 * precompile checks over exactly these bytes). Derived from intent, quote and accept by
 * {@link io.perpnet.consensus.validation.Agreement#derive}. The match id, which seeds the
 * position's PDA, is SHA-256 of these bytes; the position's bump is in them too, so both parties
 * sign the one address their position can open at (no other bump is ever accepted). Wire order
 * of signatures: trader, then maker.
 *
 * <pre>
 * offset size field           encoding
 *   0    64   header          {@link Header}, domain "PERPMTCH"; expiry and nonce of the accept
 *  64    32   trader          Ed25519 public key (signer 1)
 *  96    32   maker           Ed25519 public key (signer 2)
 * 128    32   intentHash      SHA-256 of the intent's signed bytes
 * 160    32   quoteHash       SHA-256 of the quote's signed bytes
 * 192    32   acceptHash      SHA-256 of the accept's signed bytes
 * 224     8   price           u64 entry price
 * 232     8   size            u64 base units
 * 240     8   traderMargin    u64 USDC base units the trader locks
 * 248     8   makerMargin     u64 USDC base units the maker locks
 * 256     4   fundingPpm      i32 ppm per 8 h (positive: trader pays maker)
 * 260     2   leverage        u16 the trader's leverage
 * 262     1   side            u8 the trader's side: 0 = long, 1 = short
 * 263     1   positionBump    u8: the escrow position's address is the PDA ["position", match id, positionBump]
 * 264         (end)
 * </pre>
 */
public record MatchTerms(
    Header header,
    Ed25519PublicKey trader,
    Ed25519PublicKey maker,
    Bytes32 intentHash,
    Bytes32 quoteHash,
    Bytes32 acceptHash,
    long price,
    long size,
    long traderMargin,
    long makerMargin,
    int fundingPpm,
    int leverage,
    Side side,
    int positionBump)
    implements Payload {
  public static final int LENGTH = 264;
  public static final int OFFSET_TRADER = 64;
  public static final int OFFSET_MAKER = 96;
  public static final int OFFSET_PRICE = 224;
  public static final int OFFSET_POSITION_BUMP = 263;

  public MatchTerms {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(trader, "trader");
    Objects.requireNonNull(maker, "maker");
    Objects.requireNonNull(intentHash, "intentHash");
    Objects.requireNonNull(quoteHash, "quoteHash");
    Objects.requireNonNull(acceptHash, "acceptHash");
    Objects.requireNonNull(side, "side");
    if (positionBump < 0 || positionBump > 255) {
      throw new IllegalArgumentException("a bump is a byte: " + positionBump);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.MATCH_TERMS;
  }

  @Override
  public List<Ed25519PublicKey> signers() {
    return List.of(trader, maker);
  }

  @Override
  public void encodeBody(final LeWriter w) {
    w.key(trader).key(maker).b32(intentHash).b32(quoteHash).b32(acceptHash)
        .u64(price).u64(size).u64(traderMargin).u64(makerMargin)
        .u32(fundingPpm).u16(leverage).u8(side.code()).u8(positionBump);
  }

  static MatchTerms decodeBody(final Header h, final LeReader r) throws RejectedException {
    final Ed25519PublicKey trader = r.key("trader");
    final Ed25519PublicKey maker = r.key("maker");
    final Bytes32 intentHash = r.b32();
    final Bytes32 quoteHash = r.b32();
    final Bytes32 acceptHash = r.b32();
    final long price = r.amount("price");
    final long size = r.amount("size");
    final long traderMargin = r.amount("traderMargin");
    final long makerMargin = r.amount("makerMargin");
    final int funding = r.i32();
    final int leverage = r.u16();
    final Side side = Side.decode(r.u8());
    final int positionBump = r.u8();
    return new MatchTerms(h, trader, maker, intentHash, quoteHash, acceptHash, price, size,
        traderMargin, makerMargin, funding, leverage, side, positionBump);
  }
}
