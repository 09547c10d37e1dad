package io.perpnet.consensus.message;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.codec.LeReader;
import io.perpnet.consensus.codec.LeWriter;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import java.util.Objects;

/**
 * The 64 bytes every signed payload starts with; they bind the signature to one message type,
 * one layout version, one escrow deployment, one market, a deadline and a nonce.
 *
 * <pre>
 * offset size field     encoding
 *  0      8   domain    ASCII tag of the message type, e.g. "PERPINTN" (see {@link MessageType})
 *  8      4   version   u32 LE, 1
 * 12      4   market    u32 LE market id
 * 16     32   program   escrow program id (the Solana address's 32 bytes)
 * 48      8   expiry    u64 LE unix milliseconds; invalid from this instant on
 * 56      8   nonce     u64 LE, unique per signer until expiry (replay protection)
 * </pre>
 */
public record Header(int market, Bytes32 program, long expiryMs, long nonce) {
  public static final int LENGTH = 64;
  public static final int VERSION = 1;
  public static final int OFFSET_VERSION = 8;
  public static final int OFFSET_MARKET = 12;
  public static final int OFFSET_PROGRAM = 16;
  public static final int OFFSET_EXPIRY = 48;
  public static final int OFFSET_NONCE = 56;

  public Header {
    Objects.requireNonNull(program, "program");
    if (expiryMs < 0 || nonce < 0) {
      throw new IllegalArgumentException("expiry and nonce are limited to 63 bits");
    }
  }

  void encode(final MessageType type, final LeWriter w) {
    w.bytes(type.domain()).u32(VERSION).u32(market).b32(program).u64(expiryMs).u64(nonce);
  }

  /** Reads the header after the domain tag, which the caller has matched already. */
  static Header decode(final LeReader r) throws RejectedException {
    final int version = r.u32();
    if (version != VERSION) {
      throw new RejectedException(Rejection.UNSUPPORTED_VERSION, "version " + Integer.toUnsignedString(version));
    }
    final int market = r.u32();
    final Bytes32 program = r.b32();
    final long expiry = r.amount("expiry");
    final long nonce = r.amount("nonce");
    return new Header(market, program, expiry, nonce);
  }

  public Header withExpiry(final long newExpiryMs) {
    return new Header(market, program, newExpiryMs, nonce);
  }

  public Header withNonce(final long newNonce) {
    return new Header(market, program, expiryMs, newNonce);
  }
}
