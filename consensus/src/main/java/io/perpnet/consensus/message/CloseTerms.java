package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.RejectedException;
import java.util.List;
import java.util.Objects;

/**
 * A mutual close of a position at an agreed price, verified by the escrow's close_mutual. Signed by
 * trader then maker.
 *
 * <pre>
 * offset size field           encoding
 *   0    64   header          {@link Header}, domain "PERPCLOS"
 *  64    32   matchId         SHA-256 of the position's MatchTerms bytes
 *  96    32   trader          Ed25519 public key (signer 1)
 * 128    32   maker           Ed25519 public key (signer 2)
 * 160     8   price           u64 agreed exit price
 * 168     8   size            u64 base units closed (the whole position in layout version 1)
 * 176         (end)
 * </pre>
 */
public record CloseTerms(
    Header header, Bytes32 matchId, Ed25519PublicKey trader, Ed25519PublicKey maker, long price, long size)
    implements Payload {
  public static final int LENGTH = 176;

  public CloseTerms {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(matchId, "matchId");
    Objects.requireNonNull(trader, "trader");
    Objects.requireNonNull(maker, "maker");
  }

  @Override
  public MessageType type() {
    return MessageType.CLOSE_TERMS;
  }

  @Override
  public List<Ed25519PublicKey> signers() {
    return List.of(trader, maker);
  }

  @Override
  public void encodeBody(final LeWriter w) {
    w.b32(matchId).key(trader).key(maker).u64(price).u64(size);
  }

  static CloseTerms decodeBody(final Header h, final LeReader r) throws RejectedException {
    return new CloseTerms(h, r.b32(), r.key("trader"), r.key("maker"), r.amount("price"), r.amount("size"));
  }
}
