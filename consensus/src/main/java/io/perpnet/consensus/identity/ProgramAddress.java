package io.perpnet.consensus.identity;

import io.perpnet.consensus.codec.Bytes32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Solana program-derived addresses, as the runtime's {@code create_program_address} computes
 * them: SHA-256 of the seeds, the program id and "ProgramDerivedAddress", which must not be a
 * point of the Ed25519 curve (so no private key can sign for it). "On the curve" is decided as
 * curve25519-dalek's decompression decides it: the sign bit ignored, y taken mod p, on the curve
 * when x^2 = (y^2 - 1) / (d y^2 + 1) is a square mod p (Euler's criterion). Exact, with
 * BigInteger: it runs once per match, not on a hot path.
 */
public final class ProgramAddress {
  public static final int MAX_SEEDS = 16;
  public static final int MAX_SEED_LENGTH = 32;
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger D = BigInteger.valueOf(-121_665)
      .multiply(BigInteger.valueOf(121_666).modInverse(P)).mod(P);
  private static final BigInteger HALF = P.subtract(BigInteger.ONE).shiftRight(1);
  private static final byte[] MARKER = "ProgramDerivedAddress".getBytes(StandardCharsets.US_ASCII);

  private ProgramAddress() {}

  /** The address of {@code seeds} (each at most 32 bytes, at most 16) under {@code program}; empty on the curve. */
  public static Optional<Bytes32> create(final List<byte[]> seeds, final Bytes32 program) {
    if (seeds.size() > MAX_SEEDS) {
      throw new IllegalArgumentException("at most " + MAX_SEEDS + " seeds");
    }
    final MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (final byte[] seed : seeds) {
      if (seed.length > MAX_SEED_LENGTH) {
        throw new IllegalArgumentException("a seed has at most " + MAX_SEED_LENGTH + " bytes");
      }
      sha.update(seed);
    }
    sha.update(program.bytes());
    sha.update(MARKER);
    final byte[] hash = sha.digest();
    return isOnCurve(hash) ? Optional.empty() : Optional.of(Bytes32.wrap(hash));
  }

  /** Whether 32 bytes decompress to a point of Ed25519 (any order). */
  public static boolean isOnCurve(final byte[] encoded) {
    final byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = encoded[31 - i];
    }
    be[0] &= 0x7f;
    final BigInteger y = new BigInteger(1, be).mod(P);
    final BigInteger y2 = y.multiply(y).mod(P);
    final BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
    if (u.signum() == 0) {
      return true;
    }
    final BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
    return u.multiply(v.modInverse(P)).mod(P).modPow(HALF, P).equals(BigInteger.ONE);
  }
}
