package io.perpnet.node.matches;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Base58;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One try that did not give a match its position: the maker refused our accept or did not answer,
 * or an {@code open_position} transaction was refused by the cluster or not confirmed. The
 * {@code attempts} column keeps it (key: {@link #key}) and the {@code match.attempt} event carries
 * it. Big-endian:
 *
 * <pre>
 * offset size field
 *   0    32   matchId     the match's id
 *  32     1   kind        1 accept refused, 2 no answer, 3 open refused, 4 open not confirmed ({@link Kind})
 *  33     1   signed      1 when a transaction was signed for it (then signature is its id), else 0
 *  34     2   length      u16: the detail's length in bytes, at most {@value #MAX_DETAIL}
 *  36     8   atMs        u64 unix ms, the node's clock
 *  44    64   signature   the transaction's signature (zero when signed is 0)
 * 108     n   detail      UTF-8: the reason, the escrow error by name first when there is one
 * </pre>
 */
public record Attempt(Bytes32 matchId, Kind kind, long atMs, Optional<String> signature, String detail) {
  public static final int MAX_DETAIL = 1_024;
  static final int HEADER = 108;

  /** What went wrong. */
  public enum Kind {
    /** The maker answered our accept with a refusal (or a signature that does not verify). */
    ACCEPT_REFUSED(1, true),
    /** The maker could not be reached or answered garbage; it may still hold both signatures. */
    NO_ANSWER(2, false),
    /** The cluster ran open_position (in preflight or in a block) and refused it. */
    OPEN_REFUSED(3, true),
    /** open_position was not confirmed: the RPC node unreachable, a timeout, no blockhash. */
    OPEN_NOT_CONFIRMED(4, false);

    private final int code;
    private final boolean refusal;

    Kind(final int code, final boolean refusal) {
      this.code = code;
      this.refusal = refusal;
    }

    /** Whether the other party or the program said no, as opposed to no answer at all. */
    public boolean refusal() {
      return refusal;
    }

    /** The API's name: {@code accept_refused}, {@code no_answer}, {@code open_refused}, {@code open_not_confirmed}. */
    public String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Kind of(final int code) {
      for (final Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new IllegalArgumentException("no attempt kind " + code);
    }
  }

  public Attempt {
    final byte[] d = detail.getBytes(StandardCharsets.UTF_8);
    if (d.length > MAX_DETAIL) { // cut on a character boundary
      detail = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(d, 0, MAX_DETAIL)).toString().replace("\uFFFD", "");
    }
  }

  /** The column's key: match id, then atMs (8), then the attempt's number in its run (4): in time order. */
  public static byte[] key(final Bytes32 matchId, final long atMs, final int number) {
    return ByteBuffer.allocate(44).put(matchId.bytes()).putLong(atMs).putInt(number).array();
  }

  public byte[] encode() {
    final byte[] d = detail.getBytes(StandardCharsets.UTF_8);
    final byte[] sig = signature.map(Base58::decode).orElse(new byte[64]);
    if (sig.length != 64) {
      throw new IllegalArgumentException("a transaction signature is 64 bytes");
    }
    return ByteBuffer.allocate(HEADER + d.length).put(matchId.bytes()).put((byte) kind.code)
        .put((byte) (signature.isPresent() ? 1 : 0)).putShort((short) d.length).putLong(atMs).put(sig).put(d).array();
  }

  public static Attempt decode(final byte[] v) {
    if (v.length < HEADER) {
      throw new IllegalArgumentException("an attempt is at least " + HEADER + " bytes, got " + v.length);
    }
    final ByteBuffer b = ByteBuffer.wrap(v);
    final Bytes32 id = Bytes32.wrap(Arrays.copyOfRange(v, 0, 32));
    b.position(32);
    final Kind kind = Kind.of(b.get());
    final boolean signed = b.get() == 1;
    final int length = Short.toUnsignedInt(b.getShort());
    final long atMs = b.getLong();
    final byte[] sig = new byte[64];
    b.get(sig);
    if (v.length != HEADER + length) {
      throw new IllegalArgumentException("attempt length " + v.length + " != " + (HEADER + length));
    }
    return new Attempt(id, kind, atMs, signed ? Optional.of(Base58.encode(sig)) : Optional.empty(),
        new String(v, HEADER, length, StandardCharsets.UTF_8));
  }
}
