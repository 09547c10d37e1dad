package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.RejectedException;
import java.util.List;
import java.util.Objects;

/**
 * An oracle's signed price for one market; k-of-n of them make the mark price (see
 * {@link io.perpnet.consensus.oracle.OracleQuorum}). The header's nonce is the oracle's sequence
 * number; its expiry bounds how long the attestation may be submitted.
 *
 * <pre>
 * offset size field           encoding
 *   0    64   header          {@link Header}, domain "PERPPRIC"
 *  64    32   oracle          Ed25519 public key (signer)
 *  96     8   price           u64 price
 * 104     8   publishTimeMs   u64 unix milliseconds the price was observed
 * 112         (end)
 * </pre>
 */
public record PriceAttestation(Header header, Ed25519PublicKey oracle, long price, long publishTimeMs)
    implements Payload {
  public static final int LENGTH = 112;

  public PriceAttestation {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(oracle, "oracle");
  }

  @Override
  public MessageType type() {
    return MessageType.PRICE_ATTESTATION;
  }

  @Override
  public List<Ed25519PublicKey> signers() {
    return List.of(oracle);
  }

  @Override
  public void encodeBody(final LeWriter w) {
    w.key(oracle).u64(price).u64(publishTimeMs);
  }

  static PriceAttestation decodeBody(final Header h, final LeReader r) throws RejectedException {
    return new PriceAttestation(h, r.key("oracle"), r.amount("price"), r.amount("publishTimeMs"));
  }
}
