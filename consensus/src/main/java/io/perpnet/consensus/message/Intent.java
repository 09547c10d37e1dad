package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.RejectedException;
import java.util.List;
import java.util.Objects;

/**
 * A trader's wish to open a position, gossiped on the market's intents topic. Signed by the trader.
 *
 * <pre>
 * offset size field           encoding
 *   0    64   header          {@link Header}, domain "PERPINTN"
 *  64    32   trader          Ed25519 public key (signer)
 *  96     8   size            u64 base units wanted
 * 104     8   limitPrice      u64 price; long: the most it pays, short: the least it accepts
 * 112     8   minFill         u64 base units; smallest fill it takes (0 = any)
 * 120     4   maxFundingPpm   i32 ppm per 8 h; the most funding it pays
 * 124     2   leverage        u16 whole multiples
 * 126     1   side            u8 0 = long, 1 = short
 * 127     1   reserved        0
 * 128         (end)
 * </pre>
 */
public record Intent(
    Header header,
    Ed25519PublicKey trader,
    long size,
    long limitPrice,
    long minFill,
    int maxFundingPpm,
    int leverage,
    Side side)
    implements Payload {
  public static final int LENGTH = 128;

  public Intent {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(trader, "trader");
    Objects.requireNonNull(side, "side");
    if (leverage < 0 || leverage > 0xFFFF) {
      throw new IllegalArgumentException("leverage is a u16");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.INTENT;
  }

  @Override
  public List<Ed25519PublicKey> signers() {
    return List.of(trader);
  }

  @Override
  public void encodeBody(final LeWriter w) {
    w.key(trader).u64(size).u64(limitPrice).u64(minFill).u32(maxFundingPpm).u16(leverage).u8(side.code()).zeros(1);
  }

  static Intent decodeBody(final Header h, final LeReader r) throws RejectedException {
    final Ed25519PublicKey trader = r.key("trader");
    final long size = r.amount("size");
    final long limit = r.amount("limitPrice");
    final long minFill = r.amount("minFill");
    final int funding = r.i32();
    final int leverage = r.u16();
    final Side side = Side.decode(r.u8());
    r.reserved(1);
    return new Intent(h, trader, size, limit, minFill, funding, leverage, side);
  }
}
