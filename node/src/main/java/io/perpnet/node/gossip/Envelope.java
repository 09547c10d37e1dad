package io.perpnet.node.gossip;

import io.perpnet.p2p.multiaddr.Multiaddr;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a gossip message carries: the signed wire bytes of one consensus message, and the sender's
 * listen addresses so a counterparty can dial it directly for accept and close. The addresses are
 * hints, not signed: a wrong one only costs a failed dial.
 *
 * <pre>
 *   u8   version (1)
 *   u16  wire length (at most {@value #MAX_WIRE}), the signed message
 *   u8   address count (at most {@value #MAX_ADDRESSES}), then per address:
 *        u16 length (at most {@value #MAX_ADDRESS}), the binary multiaddr
 * </pre>
 * All big-endian; nothing may follow.
 */
public record Envelope(byte[] wire, List<Multiaddr> addresses) {
  public static final int VERSION = 1;
  public static final int MAX_WIRE = 1024;
  public static final int MAX_ADDRESSES = 8;
  public static final int MAX_ADDRESS = 256;

  public Envelope {
    wire = wire.clone();
    addresses = List.copyOf(addresses);
  }

  public byte[] encode() {
    final List<byte[]> addrs = addresses.stream().limit(MAX_ADDRESSES).map(Multiaddr::toBytes).toList();
    int size = 1 + 2 + wire.length + 1;
    for (final byte[] a : addrs) {
      size += 2 + a.length;
    }
    final ByteBuffer b = ByteBuffer.allocate(size).put((byte) VERSION).putShort((short) wire.length).put(wire);
    b.put((byte) addrs.size());
    for (final byte[] a : addrs) {
      b.putShort((short) a.length).put(a);
    }
    return b.array();
  }

  /** Decodes, refusing what an honest node never sends; the message says what is wrong. */
  public static Envelope decode(final byte[] bytes) throws MalformedEnvelope {
    try {
      final ByteBuffer b = ByteBuffer.wrap(bytes);
      final int version = b.get() & 0xff;
      if (version != VERSION) {
        throw new MalformedEnvelope("envelope version " + version);
      }
      final int wireLength = b.getShort() & 0xffff;
      if (wireLength > MAX_WIRE) {
        throw new MalformedEnvelope("a " + wireLength + "-byte message; at most " + MAX_WIRE);
      }
      final byte[] wire = new byte[wireLength];
      b.get(wire);
      final int count = b.get() & 0xff;
      if (count > MAX_ADDRESSES) {
        throw new MalformedEnvelope(count + " addresses; at most " + MAX_ADDRESSES);
      }
      final List<Multiaddr> addresses = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        final int n = b.getShort() & 0xffff;
        if (n > MAX_ADDRESS) {
          throw new MalformedEnvelope("a " + n + "-byte address; at most " + MAX_ADDRESS);
        }
        final byte[] a = new byte[n];
        b.get(a);
        addresses.add(Multiaddr.fromBytes(a));
      }
      if (b.hasRemaining()) {
        throw new MalformedEnvelope(b.remaining() + " bytes after the envelope");
      }
      return new Envelope(wire, addresses);
    } catch (BufferUnderflowException e) {
      throw new MalformedEnvelope("truncated envelope");
    } catch (IllegalArgumentException e) {
      throw new MalformedEnvelope("bad address: " + e.getMessage());
    }
  }

  /** The envelope is not one an honest node sends. */
  public static final class MalformedEnvelope extends Exception {
    public MalformedEnvelope(final String message) {
      super(message);
    }
  }
}
