package io.perpnet.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Yamux session (spec: yamux/README.md) on a secured connection. The dialer of the connection is
 * the client and opens odd stream ids, the listener even ones. Each stream is a {@link YamuxStream}
 * child channel on the connection's event loop.
 *
 * <ul>
 *   <li>Flow control: every stream starts with a 256 KiB window each way. Data beyond the window we
 *       granted is a protocol error (GoAway 1, connection closed); we grant window back once half
 *       of it has been taken by the stream's protocol (not merely received). Outbound data never
 *       exceeds the peer's window, and streams write to the connection only while it is writable.
 *   <li>Pings with SYN are answered with ACK and the same value while the connection is writable,
 *       at most {@link YamuxLimits#maxPingsPerSecond()}; more is a protocol error. Ours carry SYN.
 *   <li>GoAway: after receiving one we open no new streams; we send one (code 0) when closing.
 *   <li>Limits ({@link YamuxLimits}): open streams (a SYN beyond is answered with RST), bytes queued
 *       outbound per stream and per session, bytes received and not yet taken per session.
 * </ul>
 */
public final class YamuxSession extends ByteToMessageDecoder {
  public static final String PROTOCOL = "/yamux/1.0.0";
  public static final int INITIAL_WINDOW = 256 * 1024;
  static final int MAX_DATA_FRAME = 64 * 1024;
  private static final int GO_AWAY_NORMAL = 0;
  private static final int GO_AWAY_PROTOCOL_ERROR = 1;

  private final boolean client;
  private final YamuxLimits limits;
  private final Set<YamuxStream> waitingForWritable = new LinkedHashSet<>();
  private long queuedOutbound;
  private long queuedInbound;
  private long pingWindowStart = System.nanoTime();
  private int pingsInWindow;
  private long skipWindowStart = System.nanoTime();
  private long skippedInWindow;
  private final Consumer<YamuxStream> inbound;
  private final IntObjectMap<YamuxStream> streams = new IntObjectHashMap<>();
  private final List<Consumer<Long>> pendingPings = new ArrayList<>();
  private ChannelHandlerContext ctx;
  private int nextId;
  private boolean goAwayReceived;
  private boolean goAwaySent;
  private YamuxHeader pending;
  private int pingValue;

  /**
   * @param client true on the connection's dialer side (odd stream ids)
   * @param inbound initialises each stream the peer opens (called before any of its data arrives)
   */
  public YamuxSession(final boolean client, final int maxStreams, final Consumer<YamuxStream> inbound) {
    this(client, YamuxLimits.defaults().withMaxStreams(maxStreams), inbound);
  }

  public YamuxSession(final boolean client, final YamuxLimits limits, final Consumer<YamuxStream> inbound) {
    this.client = client;
    this.limits = limits;
    this.inbound = inbound;
    this.nextId = client ? 1 : 2;
  }

  Channel channel() {
    return ctx.channel();
  }

  public int openStreams() {
    return streams.size();
  }

  /** A per-connection counter a protocol keeps, created on first use. Event loop only. */
  public AtomicInteger connectionAttr(final AttributeKey<AtomicInteger> key) {
    final Attribute<AtomicInteger> attr = ctx.channel().attr(key);
    attr.setIfAbsent(new AtomicInteger());
    return attr.get();
  }

  public YamuxLimits limits() {
    return limits;
  }

  /** Bytes the streams have queued for the peer and not yet framed. */
  public long queuedOutbound() {
    return queuedOutbound;
  }

  /** Bytes received and not yet taken by the streams' protocols. */
  public long queuedInbound() {
    return queuedInbound;
  }

  @Override
  public void handlerAdded(final ChannelHandlerContext context) {
    this.ctx = context;
  }

  /** Opens a stream; {@code init} sets up its pipeline before the SYN goes out. Callable from any thread. */
  public Future<YamuxStream> openStream(final Consumer<YamuxStream> init) {
    final Promise<YamuxStream> promise = ctx.executor().newPromise();
    ctx.executor().execute(() -> {
      if (goAwayReceived || goAwaySent || !ctx.channel().isActive()) {
        promise.setFailure(new YamuxException("the session is closing"));
        return;
      }
      if (streams.size() >= limits.maxStreams()) {
        promise.setFailure(new YamuxException("stream limit of " + limits.maxStreams() + " reached"));
        return;
      }
      final int id = nextId;
      nextId += 2;
      final YamuxStream stream = new YamuxStream(this, id);
      streams.put(id, stream);
      writeHeader(new YamuxHeader(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.SYN, id, 0));
      // registration is synchronous on our own event loop, so the stream is usable right after
      ctx.channel().eventLoop().register(stream).addListener(f -> {
        if (f.isSuccess()) {
          init.accept(stream);
          promise.setSuccess(stream);
        } else {
          streams.remove(id);
          promise.setFailure(f.cause());
        }
      });
      ctx.flush();
    });
    return promise;
  }

  /** Sends a ping and completes with the round trip in nanoseconds. */
  public void ping(final Consumer<Long> rttNanos) {
    ctx.executor().execute(() -> {
      final long start = System.nanoTime();
      pendingPings.add(v -> rttNanos.accept(System.nanoTime() - start));
      writeHeader(new YamuxHeader(YamuxHeader.Type.PING, YamuxHeader.SYN, 0, ++pingValue));
      ctx.flush();
    });
  }

  /** Sends GoAway (normal) and closes the connection. */
  public void goAway() {
    ctx.executor().execute(() -> {
      if (!goAwaySent && ctx.channel().isActive()) {
        goAwaySent = true;
        writeHeader(new YamuxHeader(YamuxHeader.Type.GO_AWAY, 0, 0, GO_AWAY_NORMAL));
        ctx.flush();
      }
      ctx.close();
    });
  }

  @Override
  protected void decode(final ChannelHandlerContext context, final ByteBuf in, final List<Object> out) throws YamuxException {
    while (ctx.channel().isActive()) {
      if (pending == null) {
        if (in.readableBytes() < YamuxHeader.LENGTH) {
          return;
        }
        final byte[] header = new byte[YamuxHeader.LENGTH];
        in.readBytes(header);
        try {
          pending = YamuxHeader.decode(header, 0);
        } catch (YamuxException e) {
          protocolError(e.getMessage());
          return;
        }
        if (pending.type() == YamuxHeader.Type.DATA && pending.unsignedLength() > INITIAL_WINDOW) {
          // no window we ever grant is larger, so this frame would overflow any stream
          protocolError("data frame of " + pending.unsignedLength() + " bytes exceeds the receive window");
          return;
        }
      }
      final YamuxHeader h = pending;
      if (h.type() == YamuxHeader.Type.DATA && in.readableBytes() < h.length()) {
        return;
      }
      pending = null;
      switch (h.type()) {
        case DATA, WINDOW_UPDATE -> onStreamFrame(h, in);
        case PING -> onPing(h);
        case GO_AWAY -> onGoAway(h);
        default -> throw new IllegalStateException();
      }
    }
  }

  private void onStreamFrame(final YamuxHeader h, final ByteBuf in) {
    final int id = h.streamId();
    YamuxStream stream = streams.get(id);
    if ((h.flags() & YamuxHeader.SYN) != 0) {
      if (stream != null) {
        protocolError("SYN for stream " + Integer.toUnsignedString(id) + " which is open");
        return;
      }
      if (((id & 1) == 1) == client) {
        protocolError("the peer opened stream " + Integer.toUnsignedString(id) + " with our parity");
        return;
      }
      if (goAwaySent || streams.size() >= limits.maxStreams()) {
        skipData(h, in);
        writeHeader(new YamuxHeader(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.RST, id, 0));
        ctx.flush();
        return;
      }
      stream = new YamuxStream(this, id);
      streams.put(id, stream);
      writeHeader(new YamuxHeader(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.ACK, id, 0));
      ctx.flush();
      ctx.channel().eventLoop().register(stream);
      inbound.accept(stream);
    }
    if (stream == null) {
      // frames for streams we no longer know are ignored, as js does: data in flight when we reset
      // a stream is normal, a stream of it is not
      if (h.type() == YamuxHeader.Type.DATA && skipped(h.length())) {
        protocolError("more than " + limits.maxSessionInbound() + " bytes in a second for streams that are closed");
        return;
      }
      skipData(h, in);
      return;
    }
    if (h.type() == YamuxHeader.Type.WINDOW_UPDATE) {
      stream.onWindowUpdate(h.unsignedLength());
    } else if (h.length() > 0) {
      if (h.unsignedLength() > stream.receiveWindow) {
        protocolError("stream " + Integer.toUnsignedString(id) + " sent beyond its window");
        return;
      }
      stream.receiveWindow -= h.length();
      final ByteBuf data = in.readRetainedSlice(h.length());
      if (stream.remoteFin || !stream.isOpen()) {
        data.release();
      } else {
        stream.onData(data);
      }
    }
    if ((h.flags() & YamuxHeader.RST) != 0) {
      stream.onRemoteReset();
    } else if ((h.flags() & YamuxHeader.FIN) != 0) {
      stream.onRemoteFin();
    }
  }

  /** Counts data for closed streams; true once a second holds more than the session's inbound limit. */
  private boolean skipped(final int bytes) {
    final long now = System.nanoTime();
    if (now - skipWindowStart >= 1_000_000_000L) {
      skipWindowStart = now;
      skippedInWindow = 0;
    }
    skippedInWindow += bytes;
    return skippedInWindow > limits.maxSessionInbound();
  }

  private static void skipData(final YamuxHeader h, final ByteBuf in) {
    if (h.type() == YamuxHeader.Type.DATA) {
      in.skipBytes(h.length());
    }
  }

  private void onPing(final YamuxHeader h) {
    if ((h.flags() & YamuxHeader.SYN) != 0) {
      final long now = System.nanoTime();
      if (now - pingWindowStart >= 1_000_000_000L) {
        pingWindowStart = now;
        pingsInWindow = 0;
      }
      if (++pingsInWindow > limits.maxPingsPerSecond()) {
        protocolError("more than " + limits.maxPingsPerSecond() + " pings in a second");
        return;
      }
      if (!ctx.channel().isWritable()) {
        return; // the peer is not reading what we send; its ping can wait for its timeout
      }
      writeHeader(new YamuxHeader(YamuxHeader.Type.PING, YamuxHeader.ACK, 0, h.length()));
      ctx.flush();
    } else if ((h.flags() & YamuxHeader.ACK) != 0 && !pendingPings.isEmpty()) {
      pendingPings.remove(0).accept(h.unsignedLength());
    }
  }

  private void onGoAway(final YamuxHeader h) {
    goAwayReceived = true;
    if (h.length() != GO_AWAY_NORMAL) {
      ctx.close();
    }
  }

  private void protocolError(final String reason) {
    if (!goAwaySent) {
      goAwaySent = true;
      writeHeader(new YamuxHeader(YamuxHeader.Type.GO_AWAY, 0, 0, GO_AWAY_PROTOCOL_ERROR));
      ctx.flush();
    }
    ctx.fireExceptionCaught(new YamuxException(reason));
    ctx.close();
  }

  @Override
  public void channelInactive(final ChannelHandlerContext context) throws Exception {
    for (final YamuxStream s : new ArrayList<>(streams.values())) {
      s.onRemoteReset();
    }
    streams.clear();
    super.channelInactive(context);
  }

  void grantWindow(final int id, final int delta) {
    writeHeader(new YamuxHeader(YamuxHeader.Type.WINDOW_UPDATE, 0, id, delta));
    ctx.flush();
  }

  /** Counts bytes received for a stream (positive) or taken from it (negative). */
  void inboundQueued(final int delta) {
    queuedInbound += delta;
    if (delta > 0 && queuedInbound > limits.maxSessionInbound()) {
      protocolError(queuedInbound + " bytes received and not read by any protocol, more than "
          + limits.maxSessionInbound());
    }
  }

  /** Reserves room for bytes a stream queues; false, and the connection closes, beyond the session's cap. */
  boolean reserveOutbound(final long n) {
    if (queuedOutbound + n > limits.maxSessionOutbound()) {
      ctx.fireExceptionCaught(new YamuxException("more than " + limits.maxSessionOutbound()
          + " bytes queued for a peer that does not read them"));
      ctx.close();
      return false;
    }
    queuedOutbound += n;
    return true;
  }

  void releaseOutbound(final long n) {
    queuedOutbound -= n;
  }

  void waitForWritable(final YamuxStream stream) {
    waitingForWritable.add(stream);
  }

  @Override
  public void channelWritabilityChanged(final ChannelHandlerContext context) throws Exception {
    while (ctx.channel().isWritable() && !waitingForWritable.isEmpty()) {
      final var it = waitingForWritable.iterator();
      final YamuxStream s = it.next();
      it.remove();
      s.resumeWriting();
    }
    super.channelWritabilityChanged(context);
  }

  void writeData(final int id, final ByteBuf data) {
    final ByteBuf header = ctx.alloc().ioBuffer(YamuxHeader.LENGTH);
    header.writeShort(0).writeShort(0).writeInt(id).writeInt(data.readableBytes());
    ctx.write(ctx.alloc().compositeDirectBuffer(2).addComponents(true, header, data));
  }

  void sendFin(final int id) {
    writeHeader(new YamuxHeader(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.FIN, id, 0));
    ctx.flush();
  }

  void sendReset(final int id) {
    writeHeader(new YamuxHeader(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.RST, id, 0));
    ctx.flush();
  }

  void flush() {
    ctx.flush();
  }

  void forget(final YamuxStream stream) {
    waitingForWritable.remove(stream);
    streams.remove(stream.streamId(), stream);
  }

  private void writeHeader(final YamuxHeader h) {
    ctx.write(ctx.alloc().ioBuffer(YamuxHeader.LENGTH).writeBytes(h.encode()));
  }

}
