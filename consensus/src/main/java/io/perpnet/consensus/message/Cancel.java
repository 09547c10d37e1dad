package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.validation.RejectedException;
import java.util.List;
import java.util.Objects;

/**
 * Withdraws an intent or a quote before its expiry. Signed by the author of the target.
 *
 * <pre>
 * offset size field           encoding
 *   0    64   header          {@link Header}, domain "PERPCNCL"
 *  64    32   signer          Ed25519 public key; must be the target's author
 *  96    32   targetHash      SHA-256 of the cancelled message's signed bytes
 * 128         (end)
 * </pre>
 */
public record Cancel(Header header, Ed25519PublicKey signer, Bytes32 targetHash) implements Payload {
  public static final int LENGTH = 128;

  public Cancel {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(targetHash, "targetHash");
  }

  @Override
  public MessageType type() {
    return MessageType.CANCEL;
  }

  @Override
  public List<Ed25519PublicKey> signers() {
    return List.of(signer);
  }

  @Override
  public void encodeBody(final LeWriter w) {
    w.key(signer).b32(targetHash);
  }

  static Cancel decodeBody(final Header h, final LeReader r) throws RejectedException {
    return new Cancel(h, r.key("signer"), r.b32());
  }
}
