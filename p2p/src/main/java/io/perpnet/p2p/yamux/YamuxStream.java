package io.perpnet.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.SocketAddress;
import java.util.ArrayDeque;

/**
 * One Yamux stream as a Netty child channel of the connection: a protocol is an ordinary pipeline
 * on it. Reads arrive as {@link ByteBuf}s, honouring {@code autoRead}: with it off, each
 * {@code read()} delivers one buffer and the rest waits here. The receive window is granted back
 * only for bytes the pipeline has taken, so a protocol that stops reading (an echo whose peer does
 * not read the echoes) stops its sender. Writes become Data frames, never more than the peer's
 * window and only while the connection is writable (bytes wait in the outbound buffer for a
 * WindowUpdate or for the socket to drain); at most {@link YamuxLimits#maxStreamOutbound()} bytes
 * may wait. The peer's FIN arrives as {@link ChannelInputShutdownEvent} after its data;
 * {@link #closeWrite()} sends ours after every queued byte; {@link #close()} ends the stream (FIN
 * if still open); {@link #reset()} aborts it. All state is touched only on the connection's event
 * loop.
 */
public final class YamuxStream extends AbstractChannel {
  private static final ChannelMetadata METADATA = new ChannelMetadata(false);

  private final YamuxSession session;
  private final int id;
  private final ChannelConfig config = new DefaultChannelConfig(this) {
    @Override
    protected void autoReadCleared() {
      readRequested = false; // as Netty's socket channels do: a pending read is dropped with autoRead
    }
  };
  private boolean open = true;
  long sendWindow = YamuxSession.INITIAL_WINDOW;
  long receiveWindow = YamuxSession.INITIAL_WINDOW;
  private boolean finRequested;
  boolean localFin;
  boolean remoteFin;
  private boolean reset;
  private final ArrayDeque<ByteBuf> received = new ArrayDeque<>();
  private boolean readRequested;
  private boolean delivering;
  private boolean finReceivedBehindData;
  /** Bytes the pipeline took since we last granted window. */
  private int consumedSinceGrant;
  /** Bytes accepted by {@code write} and not yet framed. */
  long queuedOutbound;

  YamuxStream(final YamuxSession session, final int id) {
    super(session.channel());
    this.session = session;
    this.id = id;
  }

  public int streamId() {
    return id;
  }

  public YamuxSession session() {
    return session;
  }

  /** Half-closes: no more data from us once what is queued has gone; the peer may still send. */
  public void closeWrite() {
    if (eventLoop().inEventLoop()) {
      closeWrite0();
    } else {
      eventLoop().execute(this::closeWrite0);
    }
  }

  private void closeWrite0() {
    if (!open || localFin || finRequested) {
      return;
    }
    finRequested = true;
    final ChannelOutboundBuffer buffer = unsafe().outboundBuffer();
    if (buffer == null || buffer.isEmpty()) {
      sendFin();
    } else {
      unsafe().flush();
    }
  }

  /** Aborts the stream with RST. */
  public void reset() {
    eventLoop().execute(() -> {
      if (open && !reset) {
        reset = true;
        session.sendReset(id);
      }
      close();
    });
  }

  private void sendFin() {
    if (!localFin && !reset) {
      localFin = true;
      session.sendFin(id);
      if (remoteFin) {
        close();
      }
    }
  }

  void onData(final ByteBuf data) {
    received.add(data);
    session.inboundQueued(data.readableBytes());
    deliver();
  }

  /** Bytes received and not yet taken by the pipeline. */
  int queuedInbound() {
    int n = 0;
    for (final ByteBuf b : received) {
      n += b.readableBytes();
    }
    return n;
  }

  private void deliver() {
    if (delivering) {
      return;
    }
    delivering = true;
    boolean fired = false;
    try {
      while (open && readRequested && !received.isEmpty()) {
        final ByteBuf b = received.poll();
        final int n = b.readableBytes();
        session.inboundQueued(-n);
        consumedSinceGrant += n;
        if (!config.isAutoRead()) {
          readRequested = false;
        }
        pipeline().fireChannelRead(b);
        fired = true;
      }
    } finally {
      delivering = false;
    }
    if (fired) {
      grantConsumedWindow();
      pipeline().fireChannelReadComplete();
    }
    if (received.isEmpty() && finReceivedBehindData) {
      finReceivedBehindData = false;
      fireRemoteFin();
    }
  }

  private void grantConsumedWindow() {
    if (open && !remoteFin && consumedSinceGrant >= YamuxSession.INITIAL_WINDOW / 2) {
      receiveWindow += consumedSinceGrant;
      session.grantWindow(id, consumedSinceGrant);
      consumedSinceGrant = 0;
    }
  }

  void onRemoteFin() {
    if (remoteFin) {
      return;
    }
    remoteFin = true;
    if (received.isEmpty()) {
      fireRemoteFin();
    } else {
      finReceivedBehindData = true;
    }
  }

  private void fireRemoteFin() {
    pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    if (localFin && isOpen()) {
      close();
    }
  }

  void onRemoteReset() {
    reset = true;
    close();
  }

  void onWindowUpdate(final long delta) {
    sendWindow += delta;
    if (sendWindow > 0 && open) {
      unsafe().flush();
    }
  }

  @Override
  protected void doWrite(final ChannelOutboundBuffer in) {
    boolean wrote = false;
    while (true) {
      final Object msg = in.current();
      if (msg == null) {
        if (finRequested) {
          sendFin();
        }
        break;
      }
      if (!(msg instanceof ByteBuf buf)) {
        in.remove(new UnsupportedOperationException("streams carry ByteBuf only"));
        continue;
      }
      if (!buf.isReadable()) {
        in.remove();
        continue;
      }
      if (sendWindow <= 0 || localFin || reset) {
        break;
      }
      if (!session.channel().isWritable()) {
        session.flush(); // the socket may take it all at once
        if (!session.channel().isWritable()) {
          session.waitForWritable(this);
          break;
        }
      }
      final int n = (int) Math.min(Math.min(buf.readableBytes(), sendWindow), YamuxSession.MAX_DATA_FRAME);
      session.writeData(id, buf.retainedSlice(buf.readerIndex(), n));
      sendWindow -= n;
      dequeued(n);
      in.removeBytes(n);
      wrote = true;
    }
    if (wrote || finRequested) {
      session.flush();
    }
  }

  private void dequeued(final long n) {
    queuedOutbound -= n;
    session.releaseOutbound(n);
  }

  /** Resumes writing after the connection drained. */
  void resumeWriting() {
    if (open && sendWindow > 0) {
      unsafe().flush();
    }
  }

  /** Refuses a write beyond the stream's or the session's outbound cap (Netty fails its promise and releases it). */
  @Override
  protected Object filterOutboundMessage(final Object msg) throws YamuxException {
    if (msg instanceof ByteBuf buf) {
      final int n = buf.readableBytes();
      if (queuedOutbound + n > session.limits().maxStreamOutbound()) {
        reset();
        throw new YamuxException("stream " + Integer.toUnsignedString(id) + " would queue more than "
            + session.limits().maxStreamOutbound() + " bytes for a peer that does not read them");
      }
      if (!session.reserveOutbound(n)) {
        throw new YamuxException("the session would queue more than " + session.limits().maxSessionOutbound()
            + " bytes for a peer that does not read them");
      }
      queuedOutbound += n;
    }
    return msg;
  }

  @Override
  protected AbstractUnsafe newUnsafe() {
    return new AbstractUnsafe() {
      @Override
      public void connect(final SocketAddress remote, final SocketAddress local, final ChannelPromise promise) {
        promise.setFailure(new UnsupportedOperationException("streams are opened by the session"));
      }
    };
  }

  @Override
  protected boolean isCompatible(final EventLoop loop) {
    return loop == session.channel().eventLoop();
  }

  @Override
  protected SocketAddress localAddress0() {
    return session.channel().localAddress();
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return session.channel().remoteAddress();
  }

  @Override
  protected void doBind(final SocketAddress localAddress) {
    throw new UnsupportedOperationException("streams are not bound");
  }

  @Override
  protected void doDisconnect() {
    doClose();
  }

  @Override
  protected void doClose() {
    if (!open) {
      return;
    }
    open = false;
    dequeued(queuedOutbound);
    session.inboundQueued(-queuedInbound());
    while (!received.isEmpty()) {
      received.poll().release();
    }
    if (!reset && !localFin && session.channel().isActive()) {
      localFin = true;
      session.sendFin(id);
    }
    session.forget(this);
  }

  @Override
  protected void doBeginRead() {
    readRequested = true;
    deliver();
  }

  @Override
  public ChannelConfig config() {
    return config;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isActive() {
    return open && isRegistered();
  }

  @Override
  public ChannelMetadata metadata() {
    return METADATA;
  }

  @Override
  public String toString() {
    return "yamux stream " + Integer.toUnsignedString(id) + " of " + session.channel();
  }
}
