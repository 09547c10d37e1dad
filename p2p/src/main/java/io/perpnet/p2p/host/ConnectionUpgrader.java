package io.perpnet.p2p.host;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.multistream.MultistreamNegotiator;
import io.perpnet.p2p.noise.NoiseHandshakeHandler;
import io.perpnet.p2p.yamux.YamuxSession;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a TCP channel into a {@link Connection}: multistream-select {@code /noise}, the Noise XX
 * handshake (listing {@code /yamux/1.0.0} inside it), multistream-select {@code /yamux/1.0.0} only
 * when the remote listed no muxer, then the Yamux session. The whole upgrade must finish within
 * the handshake timeout; afterwards a connection silent for the idle timeout is closed.
 */
final class ConnectionUpgrader extends ChannelInitializer<Channel> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionUpgrader.class);
  /** The peer id a dialer expects, set on the channel before connecting. */
  static final AttributeKey<PeerId> EXPECTED_PEER = AttributeKey.valueOf("perpnet.expectedPeer");
  private static final List<String> MUXERS = List.of(YamuxSession.PROTOCOL);

  private final Host host;
  private final boolean initiator;

  ConnectionUpgrader(final Host host, final boolean initiator) {
    this.host = host;
    this.initiator = initiator;
  }

  @Override
  protected void initChannel(final Channel ch) {
    final HostConfig config = host.config();
    // under a flood of half-open connections, new ones get the short timeout
    final java.time.Duration timeout = host.admission().loaded() ? config.loadedHandshakeTimeout()
        : config.handshakeTimeout();
    final ScheduledFuture<?> deadline = ch.eventLoop().schedule(() -> {
      if (ch.isActive()) {
        LOG.debug("{}: upgrade not finished within {}", ch, timeout);
        ch.close();
      }
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    ch.closeFuture().addListener(f -> deadline.cancel(false));
    final ChannelPipeline p = ch.pipeline();
    p.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    final MultistreamNegotiator.Selected onSecurity = new MultistreamNegotiator.Selected() {
      @Override
      public void selected(final ChannelHandlerContext ctx, final String protocol) {
        final NoiseHandshakeHandler noise = new NoiseHandshakeHandler(
            initiator, host.identity(), ch.attr(EXPECTED_PEER).get(), MUXERS, new Secured(deadline));
        ctx.pipeline().addAfter(ctx.name(), "noise", noise);
      }

      @Override
      public void failed(final ChannelHandlerContext ctx, final String reason) {
        host.upgradeFailed(ch, "security negotiation: " + reason);
      }
    };
    p.addLast("security", initiator
        ? MultistreamNegotiator.initiator(List.of(NoiseHandshakeHandler.PROTOCOL), onSecurity)
        : MultistreamNegotiator.responder(() -> Set.of(NoiseHandshakeHandler.PROTOCOL), onSecurity));
    p.addLast("guard", new ConnectionGuard());
  }

  /** After Noise: choose the muxer and start the session. */
  private final class Secured implements NoiseHandshakeHandler.Secured {
    private final ScheduledFuture<?> deadline;

    Secured(final ScheduledFuture<?> deadline) {
      this.deadline = deadline;
    }

    @Override
    public void secured(final ChannelHandlerContext codecCtx, final PeerId remote, final List<String> remoteMuxers) {
      final String refusal = host.establish(codecCtx.channel(), remote);
      if (refusal != null) {
        deadline.cancel(false);
        host.upgradeFailed(codecCtx.channel(), "refused: " + refusal);
        codecCtx.close();
        return;
      }
      if (remoteMuxers.isEmpty()) {
        final MultistreamNegotiator.Selected onMuxer = new MultistreamNegotiator.Selected() {
          @Override
          public void selected(final ChannelHandlerContext ctx, final String protocol) {
            startSession(ctx, remote);
          }

          @Override
          public void failed(final ChannelHandlerContext ctx, final String reason) {
            host.upgradeFailed(ctx.channel(), "muxer negotiation: " + reason);
          }
        };
        codecCtx.pipeline().addAfter(codecCtx.name(), "muxer-select", initiator
            ? MultistreamNegotiator.initiator(MUXERS, onMuxer)
            : MultistreamNegotiator.responder(() -> Set.of(YamuxSession.PROTOCOL), onMuxer));
      } else if (remoteMuxers.contains(YamuxSession.PROTOCOL)) {
        startSession(codecCtx, remote);
      } else {
        host.upgradeFailed(codecCtx.channel(), "the remote offers no muxer we speak: " + remoteMuxers);
        codecCtx.close();
      }
    }

    private void startSession(final ChannelHandlerContext ctx, final PeerId remote) {
      deadline.cancel(false);
      final Channel ch = ctx.channel();
      final YamuxSession session = new YamuxSession(initiator, host.config().yamux(),
          stream -> host.acceptStream(stream, ch));
      ctx.pipeline().addAfter(ctx.name(), "yamux", session);
      host.connectionReady(ch, remote, session, initiator);
    }

    @Override
    public void failed(final ChannelHandlerContext ctx, final String reason) {
      host.upgradeFailed(ctx.channel(), reason);
    }
  }

  /** The last handler: closes the connection on any error and on idleness. */
  static final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
      LOG.debug("{}: closing after error: {}", ctx.channel(), cause.toString());
      ctx.close();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
      if (evt instanceof IdleStateEvent) {
        LOG.debug("{}: idle, closing", ctx.channel());
        ctx.close();
      }
      super.userEventTriggered(ctx, evt);
    }
  }
}
