package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.RejectedException;
import java.util.List;
import java.util.Objects;

/**
 * A market maker's answer to an intent, gossiped on the market's quotes topic. Signed by the maker.
 *
 * <pre>
 * offset size field           encoding
 *   0    64   header          {@link Header}, domain "PERPQUOT"
 *  64    32   maker           Ed25519 public key (signer)
 *  96    32   intentHash      SHA-256 of the intent's signed bytes
 * 128     8   price           u64 price it trades at
 * 136     8   size            u64 base units it takes at most
 * 144     4   fundingPpm      i32 ppm per 8 h it charges (positive: trader pays maker)
 * 148     2   makerLeverage   u16 leverage of the maker's own margin
 * 150     2   reserved        0
 * 152         (end)
 * </pre>
 */
public record Quote(
    Header header,
    Ed25519PublicKey maker,
    Bytes32 intentHash,
    long price,
    long size,
    int fundingPpm,
    int makerLeverage)
    implements Payload {
  public static final int LENGTH = 152;

  public Quote {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(maker, "maker");
    Objects.requireNonNull(intentHash, "intentHash");
    if (makerLeverage < 0 || makerLeverage > 0xFFFF) {
      throw new IllegalArgumentException("makerLeverage is a u16");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.QUOTE;
  }

  @Override
  public List<Ed25519PublicKey> signers() {
    return List.of(maker);
  }

  @Override
  public void encodeBody(final LeWriter w) {
    w.key(maker).b32(intentHash).u64(price).u64(size).u32(fundingPpm).u16(makerLeverage).zeros(2);
  }

  static Quote decodeBody(final Header h, final LeReader r) throws RejectedException {
    final Ed25519PublicKey maker = r.key("maker");
    final Bytes32 intentHash = r.b32();
    final long price = r.amount("price");
    final long size = r.amount("size");
    final int funding = r.i32();
    final int leverage = r.u16();
    r.reserved(2);
    return new Quote(h, maker, intentHash, price, size, funding, leverage);
  }
}
