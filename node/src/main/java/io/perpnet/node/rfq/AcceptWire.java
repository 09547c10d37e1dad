package io.perpnet.node.rfq;

import io.perpnet.consensus.validation.Rejection;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The direct accept protocol, {@value #PROTOCOL} (one request, one response per stream): the
 * trader sends the intent, the quote and its Accept, with its signature over the MatchTerms the
 * three derive; the maker answers with its own signature over the same terms, or a refusal with
 * a stable {@link Rejection} code. All big-endian.
 *
 * <pre>
 * request:  u8 version (1)
 *           u16 length, intent wire;  u16 length, quote wire;  u16 length, accept wire
 *           64  the trader's Ed25519 signature over the MatchTerms bytes
 * response: u8 version (1), u8 outcome
 *           outcome 0 (signed):  64 the maker's signature over the same bytes
 *           outcome 1 (refused): u16 Rejection code, u16 length, detail (UTF-8, at most 512 bytes)
 * </pre>
 */
public final class AcceptWire {
  public static final String PROTOCOL = "/perp/accept/1";
  static final int VERSION = 1;
  static final int SIGNATURE = 64;
  static final int MAX_WIRE = 1024;
  static final int MAX_DETAIL = 512;

  private AcceptWire() {}

  /** What the trader sends. */
  public record Request(byte[] intent, byte[] quote, byte[] accept, byte[] traderSignature) {
    public byte[] encode() {
      final ByteBuffer b = ByteBuffer.allocate(1 + 6 + intent.length + quote.length + accept.length + SIGNATURE);
      b.put((byte) VERSION);
      for (final byte[] wire : new byte[][] {intent, quote, accept}) {
        b.putShort((short) wire.length).put(wire);
      }
      return b.put(traderSignature).array();
    }

    public static Request decode(final byte[] bytes) throws Malformed {
      try {
        final ByteBuffer b = ByteBuffer.wrap(bytes);
        version(b);
        final byte[][] wires = new byte[3][];
        for (int i = 0; i < 3; i++) {
          final int n = b.getShort() & 0xffff;
          if (n > MAX_WIRE) {
            throw new Malformed(Rejection.OVERLONG, "a " + n + "-byte message");
          }
          wires[i] = take(b, n);
        }
        final byte[] sig = take(b, SIGNATURE);
        end(b);
        return new Request(wires[0], wires[1], wires[2], sig);
      } catch (BufferUnderflowException e) {
        throw new Malformed(Rejection.TRUNCATED, "accept request");
      }
    }
  }

  /** What the maker answers: its signature, or why not. */
  public sealed interface Response {
    record Countersigned(byte[] makerSignature) implements Response {}

    record Refused(Rejection reason, String detail) implements Response {}

    default byte[] encode() {
      return switch (this) {
        case Countersigned s -> ByteBuffer.allocate(2 + SIGNATURE).put((byte) VERSION).put((byte) 0).put(s.makerSignature())
            .array();
        case Refused r -> {
          final byte[] d = r.detail().getBytes(StandardCharsets.UTF_8);
          final byte[] detail = Arrays.copyOf(d, Math.min(d.length, MAX_DETAIL));
          yield ByteBuffer.allocate(2 + 4 + detail.length).put((byte) VERSION).put((byte) 1)
              .putShort((short) r.reason().code()).putShort((short) detail.length).put(detail).array();
        }
      };
    }

    static Response decode(final byte[] bytes) throws Malformed {
      try {
        final ByteBuffer b = ByteBuffer.wrap(bytes);
        version(b);
        final int outcome = b.get();
        final Response r = switch (outcome) {
          case 0 -> new Countersigned(take(b, SIGNATURE));
          case 1 -> {
            final int code = b.getShort() & 0xffff;
            final int n = b.getShort() & 0xffff;
            if (n > MAX_DETAIL) {
              throw new Malformed(Rejection.OVERLONG, "a " + n + "-byte detail");
            }
            yield new Refused(byCode(code), new String(take(b, n), StandardCharsets.UTF_8));
          }
          default -> throw new Malformed(Rejection.UNKNOWN_DOMAIN, "outcome " + outcome);
        };
        end(b);
        return r;
      } catch (BufferUnderflowException e) {
        throw new Malformed(Rejection.TRUNCATED, "accept response");
      }
    }
  }

  private static Rejection byCode(final int code) throws Malformed {
    for (final Rejection r : Rejection.values()) {
      if (r.code() == code) {
        return r;
      }
    }
    throw new Malformed(Rejection.VALUE_OUT_OF_RANGE, "rejection code " + code);
  }

  private static void version(final ByteBuffer b) throws Malformed {
    final int v = b.get() & 0xff;
    if (v != VERSION) {
      throw new Malformed(Rejection.UNSUPPORTED_VERSION, "accept protocol version " + v);
    }
  }

  private static void end(final ByteBuffer b) throws Malformed {
    if (b.hasRemaining()) {
      throw new Malformed(Rejection.OVERLONG, b.remaining() + " bytes after the message");
    }
  }

  private static byte[] take(final ByteBuffer b, final int n) {
    final byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  /** Bytes that are no request or response of this protocol; {@link #reason} says how. */
  public static final class Malformed extends Exception {
    private final Rejection reason;

    Malformed(final Rejection reason, final String detail) {
      super(detail);
      this.reason = reason;
    }

    public Rejection reason() {
      return reason;
    }
  }
}
