package io.perpnet.p2p.attack;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.multistream.MultistreamMessage;
import io.perpnet.p2p.noise.CipherState;
import io.perpnet.p2p.noise.HandshakePayloads;
import io.perpnet.p2p.noise.NoiseTransportCodec;
import io.perpnet.p2p.noise.X25519KeyPair;
import io.perpnet.p2p.noise.XxHandshake;
import io.perpnet.p2p.wire.UnsignedVarint;
import io.perpnet.p2p.yamux.YamuxHeader;
import io.perpnet.p2p.yamux.YamuxSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A hostile peer speaking the wire by hand: TCP from a chosen local address, multistream
 * {@code /noise}, Noise XX as initiator (with a real identity, so it gets past the handshake), then
 * raw Yamux frames. After the handshake the socket is non-blocking: {@link #offer} queues
 * ciphertext and {@link #pump} writes what the kernel takes, so an attack can push as hard as the
 * node lets it without ever blocking the test; nothing is read unless the attack asks, so the node's
 * answers pile up on its side exactly as with a peer that does not read.
 */
final class RawPeer implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SocketChannel socket;
  private final CipherState send;
  final Ed25519KeyPair identity;
  final PeerId remote;
  private final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>();
  private long written;
  private boolean closed;

  private RawPeer(final SocketChannel socket, final XxHandshake.Transport t, final Ed25519KeyPair identity,
      final PeerId remote) {
    this.socket = socket;
    this.send = t.send();
    this.identity = identity;
    this.remote = remote;
  }

  /** Connects from {@code localIp} and completes the handshake (blocking, a few round trips). */
  static RawPeer connect(final InetSocketAddress node, final String localIp) throws Exception {
    final SocketChannel ch = SocketChannel.open();
    ch.bind(new InetSocketAddress(localIp, 0));
    ch.connect(node);
    try {
      writeFully(ch, concat(MultistreamMessage.encode(MultistreamMessage.PROTOCOL), MultistreamMessage.encode("/noise")));
      readMultistream(ch);
      readMultistream(ch);
      final Ed25519KeyPair identity = Ed25519KeyPair.generate();
      final XxHandshake hs = new XxHandshake(XxHandshake.Role.INITIATOR, X25519KeyPair.generate(RANDOM),
          X25519KeyPair.generate(RANDOM));
      writeNoise(ch, hs.writeMessage(new byte[0]));
      final byte[] payload = hs.readMessage(readNoise(ch));
      final PeerId remote = HandshakePayloads.verify(payload, hs.remoteStatic()).peerId();
      writeNoise(ch, hs.writeMessage(HandshakePayloads.create(identity, hs.staticKey().publicKey(),
          List.of(YamuxSession.PROTOCOL))));
      ch.configureBlocking(false);
      return new RawPeer(ch, hs.split(), identity, remote);
    } catch (Exception e) {
      ch.close();
      throw e;
    }
  }

  // ---- frames ----------------------------------------------------------------------------------

  static byte[] yamux(final YamuxHeader.Type type, final int flags, final int id, final int length, final byte[] data) {
    final byte[] h = new YamuxHeader(type, flags, id, length).encode();
    return data == null ? h : concat(h, data);
  }

  static byte[] data(final int id, final int flags, final byte[] data) {
    return yamux(YamuxHeader.Type.DATA, flags, id, data.length, data);
  }

  /** SYN for stream {@code id} carrying the multistream header, {@code protocol}, then {@code first}. */
  static byte[] openStream(final int id, final String protocol, final byte[] first) {
    return data(id, YamuxHeader.SYN, concat(concat(MultistreamMessage.encode(MultistreamMessage.PROTOCOL),
        MultistreamMessage.encode(protocol)), first));
  }

  /** Blind answers to the streams the node opens to us (even ids): {@code protocol} accepted, window {@code window}. */
  static byte[] answerNodeStreams(final String protocol, final long window) {
    byte[] out = new byte[0];
    for (int id = 2; id <= 8; id += 2) {
      for (long left = window; left > 0; left -= Integer.MAX_VALUE) {
        out = concat(out, yamux(YamuxHeader.Type.WINDOW_UPDATE, 0, id, (int) Math.min(left, Integer.MAX_VALUE), null));
      }
      out = concat(out, data(id, 0, concat(MultistreamMessage.encode(MultistreamMessage.PROTOCOL),
          MultistreamMessage.encode(protocol))));
    }
    return out;
  }

  static byte[] lengthPrefixed(final byte[] body) {
    return concat(UnsignedVarint.encode(body.length), body);
  }

  // ---- sending ---------------------------------------------------------------------------------

  /** Encrypts {@code plaintext} (split into Noise frames) and queues it. */
  void offer(final byte[] plaintext) {
    for (int off = 0; off < plaintext.length; off += NoiseTransportCodec.MAX_PLAINTEXT) {
      final int n = Math.min(NoiseTransportCodec.MAX_PLAINTEXT, plaintext.length - off);
      final byte[] chunk = java.util.Arrays.copyOfRange(plaintext, off, off + n);
      final byte[] cipher = send.encryptWithAd(new byte[0], chunk);
      queued.add(ByteBuffer.allocate(2 + cipher.length).putShort((short) cipher.length).put(cipher).flip());
    }
  }

  /** Writes what the kernel takes now; false once the node closed the connection. */
  boolean pump() {
    try {
      while (!queued.isEmpty()) {
        final ByteBuffer b = queued.peek();
        written += socket.write(b);
        if (b.hasRemaining()) {
          break;
        }
        queued.poll();
      }
      return isOpen();
    } catch (IOException e) {
      closed = true;
      return false;
    }
  }

  /** Queued bytes not yet taken by the kernel: the node is not reading us. */
  long backlog() {
    long n = 0;
    for (final ByteBuffer b : queued) {
      n += b.remaining();
    }
    return n;
  }

  long written() {
    return written;
  }

  /** Reads and discards what has arrived; false once the node closed the connection. */
  boolean drain() {
    final ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
    try {
      int n;
      while ((n = socket.read(sink.clear())) > 0) {
        // discarded
      }
      if (n < 0) {
        closed = true;
      }
    } catch (IOException e) {
      closed = true;
    }
    return isOpen();
  }

  boolean isOpen() {
    return !closed && socket.isOpen();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  // ---- handshake helpers (blocking) -----------------------------------------------------------

  private static void writeFully(final SocketChannel ch, final byte[] b) throws IOException {
    final ByteBuffer buf = ByteBuffer.wrap(b);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private static void readFully(final SocketChannel ch, final ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new IOException("the node closed the connection during the handshake");
      }
    }
  }

  private static void readMultistream(final SocketChannel ch) throws IOException {
    int length = 0;
    for (int shift = 0; ; shift += 7) {
      final ByteBuffer one = ByteBuffer.allocate(1);
      readFully(ch, one);
      final int b = one.get(0) & 0xff;
      length |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    readFully(ch, ByteBuffer.allocate(length));
  }

  private static void writeNoise(final SocketChannel ch, final byte[] msg) throws IOException {
    writeFully(ch, ByteBuffer.allocate(2 + msg.length).putShort((short) msg.length).put(msg).array());
  }

  private static byte[] readNoise(final SocketChannel ch) throws IOException {
    final ByteBuffer len = ByteBuffer.allocate(2);
    readFully(ch, len);
    final ByteBuffer body = ByteBuffer.allocate(len.getShort(0) & 0xffff);
    readFully(ch, body);
    return body.array();
  }

  static byte[] concat(final byte[] a, final byte[] b) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
