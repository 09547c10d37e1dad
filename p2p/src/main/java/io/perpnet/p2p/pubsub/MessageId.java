package io.perpnet.p2p.pubsub;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/** A message id: {@code from || seqno} under StrictSign, SHA-256 of the data under StrictNoSign. */
public record MessageId(ByteString bytes) {
  public static MessageId of(final byte[] b) {
    return new MessageId(ByteString.copyFrom(b));
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }
}
