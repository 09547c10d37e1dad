package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.RejectedException;
import java.util.List;
import java.util.Objects;

/**
 * The trader's choice of a quote, sent directly to the market maker. Signed by the trader. Its
 * expiry becomes the match's deadline for landing on chain; its nonce becomes the match's nonce.
 *
 * <pre>
 * offset size field           encoding
 *   0    64   header          {@link Header}, domain "PERPACPT"
 *  64    32   trader          Ed25519 public key (signer)
 *  96    32   quoteHash       SHA-256 of the quote's signed bytes
 * 128     8   fillSize        u64 base units taken (at most the quote's size)
 * 136         (end)
 * </pre>
 */
public record Accept(Header header, Ed25519PublicKey trader, Bytes32 quoteHash, long fillSize) implements Payload {
  public static final int LENGTH = 136;

  public Accept {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(trader, "trader");
    Objects.requireNonNull(quoteHash, "quoteHash");
  }

  @Override
  public MessageType type() {
    return MessageType.ACCEPT;
  }

  @Override
  public List<Ed25519PublicKey> signers() {
    return List.of(trader);
  }

  @Override
  public void encodeBody(final LeWriter w) {
    w.key(trader).b32(quoteHash).u64(fillSize);
  }

  static Accept decodeBody(final Header h, final LeReader r) throws RejectedException {
    return new Accept(h, r.key("trader"), r.b32(), r.amount("fillSize"));
  }
}
