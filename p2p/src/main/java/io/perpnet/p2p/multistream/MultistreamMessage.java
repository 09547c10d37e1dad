package io.perpnet.p2p.multistream;

import io.perpnet.p2p.wire.UnsignedVarint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * multistream-select 1.0 messages: {@code uvarint(len(text) + 1) || text || '\n'}. Messages are at
 * most 1024 bytes (as js and go enforce) and must end in a newline.
 */
public final class MultistreamMessage {
  public static final String PROTOCOL = "/multistream/1.0.0";
  public static final String NA = "na";
  public static final String LS = "ls";
  public static final int MAX_LENGTH = 1024;

  private MultistreamMessage() {}

  /** A decoded message and the bytes it took. */
  public record Decoded(String text, int length) {}

  public static byte[] encode(final String text) {
    final byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    if (body.length > MAX_LENGTH) {
      throw new IllegalArgumentException("multistream message longer than " + MAX_LENGTH + " bytes");
    }
    final ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
    UnsignedVarint.write(body.length, out);
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** The answer to {@code ls}: one message holding each protocol as its own message, then a bare newline. */
  public static byte[] encodeList(final List<String> protocols) {
    final ByteArrayOutputStream inner = new ByteArrayOutputStream();
    for (final String p : protocols) {
      inner.writeBytes(encode(p));
    }
    inner.write('\n');
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    UnsignedVarint.write(inner.size(), out);
    out.writeBytes(inner.toByteArray());
    return out.toByteArray();
  }

  /**
   * Decodes one message from {@code data[offset..limit)}.
   *
   * @return the message, or null when more bytes are needed
   * @throws MultistreamException if the message is too long, empty, or lacks its newline
   */
  public static Decoded decode(final byte[] data, final int offset, final int limit) throws MultistreamException {
    final UnsignedVarint.Decoded length;
    try {
      length = UnsignedVarint.decode(data, offset, limit);
    } catch (UnsignedVarint.VarintException e) {
      throw new MultistreamException("bad length prefix: " + e.getMessage());
    }
    if (length == null) {
      return null;
    }
    if (length.value() > MAX_LENGTH) {
      throw new MultistreamException("message of " + length.value() + " bytes exceeds " + MAX_LENGTH);
    }
    if (length.value() == 0) {
      throw new MultistreamException("empty message");
    }
    final int start = offset + length.length();
    final int end = start + (int) length.value();
    if (end > limit) {
      return null;
    }
    if (data[end - 1] != '\n') {
      throw new MultistreamException("message does not end in a newline");
    }
    return new Decoded(new String(data, start, end - start - 1, StandardCharsets.UTF_8), end - offset);
  }

  /** A multistream protocol violation; the connection or stream is closed. */
  public static final class MultistreamException extends Exception {
    public MultistreamException(final String message) {
      super(message);
    }
  }
}
