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

/**
 * One Yamux stream as a Netty child channel of the connection: a protocol is an ordinary pipeline
 * on it. Reads arrive as {@link ByteBuf}s; writes become Data frames, never more than the peer's
 * window (bytes beyond it wait in the outbound buffer until a WindowUpdate arrives). The peer's
 * FIN arrives as {@link ChannelInputShutdownEvent}; {@link #closeWrite()} sends ours after every
 * queued byte; {@link #close()} ends the stream (FIN if still open); {@link #reset()} aborts it.
 * All state is touched only on the connection's event loop.
 */
public final class YamuxStream extends AbstractChannel {
  private static final ChannelMetadata METADATA = new ChannelMetadata(false);

  private final YamuxSession session;
  private final int id;
  private final ChannelConfig config = new DefaultChannelConfig(this);
  private boolean open = true;
  long sendWindow = YamuxSession.INITIAL_WINDOW;
  long receiveWindow = YamuxSession.INITIAL_WINDOW;
  private boolean finRequested;
  boolean localFin;
  boolean remoteFin;
  private boolean reset;

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
    pipeline().fireChannelRead(data);
    pipeline().fireChannelReadComplete();
  }

  void onRemoteFin() {
    if (remoteFin) {
      return;
    }
    remoteFin = true;
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
      final int n = (int) Math.min(Math.min(buf.readableBytes(), sendWindow), YamuxSession.MAX_DATA_FRAME);
      session.writeData(id, buf.retainedSlice(buf.readerIndex(), n));
      sendWindow -= n;
      in.removeBytes(n);
      wrote = true;
    }
    if (wrote || finRequested) {
      session.flush();
    }
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
    if (!reset && !localFin && session.channel().isActive()) {
      localFin = true;
      session.sendFin(id);
    }
    session.forget(this);
  }

  @Override
  protected void doBeginRead() {
    // data is pushed by the session as frames arrive; the receive window bounds it
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
