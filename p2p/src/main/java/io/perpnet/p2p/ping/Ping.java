package io.perpnet.p2p.ping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.util.AttributeKey;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.host.Host;
import io.perpnet.p2p.yamux.YamuxStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ping ({@code /ipfs/ping/1.0.0}): the opener writes 32 random bytes, the responder echoes them
 * until the opener closes. A ping resolves with the round-trip time, or fails after 10 s or on a
 * wrong echo.
 *
 * <p>The responder is bounded: it reads only while its echoes can be written (a peer that does not
 * read them stops being read, and the stream's window is not granted back, so its sender stalls);
 * at most {@link #MAX_STREAMS_PER_CONNECTION} ping streams per connection (more are reset); at most
 * {@link #MAX_ECHOES_PER_SECOND} echoes per stream and second (a faster pinger's stream is reset).
 */
public final class Ping {
  public static final String PROTOCOL = "/ipfs/ping/1.0.0";
  static final int SIZE = 32;
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final SecureRandom RANDOM = new SecureRandom();
  static final int MAX_STREAMS_PER_CONNECTION = 2;
  static final int MAX_ECHOES_PER_SECOND = 10;
  private static final AttributeKey<AtomicInteger> INBOUND = AttributeKey.valueOf("perpnet.ping.inbound");

  private final Host host;

  private Ping(final Host host) {
    this.host = host;
  }

  /** Echoes pings sent to {@code host}. */
  public static Ping install(final Host host) {
    host.handle(PROTOCOL, (stream, connection, protocol) -> {
      final AtomicInteger open = stream.session().connectionAttr(INBOUND);
      if (open.incrementAndGet() > MAX_STREAMS_PER_CONNECTION) {
        open.decrementAndGet();
        stream.reset();
        return;
      }
      stream.closeFuture().addListener(f -> open.decrementAndGet());
      stream.pipeline().addLast(new FixedLengthFrameDecoder(SIZE));
      stream.pipeline().addLast(new Echo());
    });
    return new Ping(host);
  }

  /** Pings {@code peer} once (dialling it if needed). */
  public CompletableFuture<Duration> ping(final PeerId peer) {
    final byte[] payload = new byte[SIZE];
    RANDOM.nextBytes(payload);
    final CompletableFuture<Duration> result = new CompletableFuture<>();
    final long[] sent = new long[1];
    host.newStream(peer, List.of(PROTOCOL), (stream, connection, protocol) -> {
      stream.pipeline().addLast(new FixedLengthFrameDecoder(SIZE));
      stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
          final ByteBuf echo = (ByteBuf) msg;
          try {
            if (Arrays.equals(ByteBufUtil.getBytes(echo), payload)) {
              result.complete(Duration.ofNanos(System.nanoTime() - sent[0]));
            } else {
              result.completeExceptionally(new IllegalStateException("ping echo differs from what we sent"));
            }
          } finally {
            echo.release();
          }
          ctx.close();
        }
      });
      sent[0] = System.nanoTime();
      stream.writeAndFlush(Unpooled.wrappedBuffer(payload));
      stream.closeFuture().addListener(f -> result.completeExceptionally(new IllegalStateException("ping stream closed")));
    }).whenComplete((stream, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
      }
    });
    return result.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(
            e instanceof TimeoutException ? new TimeoutException("no ping echo from " + peer + " within " + TIMEOUT) : e));
  }

  /** Responder: writes back every 32-byte chunk while the opener reads them, closes when it does. */
  private static final class Echo extends ChannelInboundHandlerAdapter {
    private long windowStart = System.nanoTime();
    private int echoes;

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
      final long now = System.nanoTime();
      if (now - windowStart >= 1_000_000_000L) {
        windowStart = now;
        echoes = 0;
      }
      if (++echoes > MAX_ECHOES_PER_SECOND) {
        ((ByteBuf) msg).release();
        ((YamuxStream) ctx.channel()).reset();
        return;
      }
      ctx.writeAndFlush(msg);
      if (!ctx.channel().isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable() && !ctx.channel().config().isAutoRead()) {
        ctx.channel().config().setAutoRead(true);
        ctx.read();
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
      if (evt instanceof ChannelInputShutdownEvent) {
        ((YamuxStream) ctx.channel()).closeWrite();
      }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
      ctx.close();
    }
  }
}
