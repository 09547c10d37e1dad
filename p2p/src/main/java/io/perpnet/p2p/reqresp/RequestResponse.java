package io.perpnet.p2p.reqresp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.host.Host;
import io.perpnet.p2p.wire.VarintFrameDecoder;
import io.perpnet.p2p.wire.VarintFrameEncoder;
import io.perpnet.p2p.yamux.YamuxStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request, one response, over a fresh stream: the requester writes {@code uvarint(len) ||
 * request} and closes its side; the responder answers {@code uvarint(len) || response} and closes
 * its side. Bodies are opaque here (the node puts protobuf in them). Requests and responses larger
 * than the limit reset the stream; a request unanswered within the timeout fails.
 */
public final class RequestResponse {
  /** Answers a request from {@code peer}; a failed future resets the stream. */
  @FunctionalInterface
  public interface Responder {
    CompletableFuture<byte[]> respond(PeerId peer, byte[] request);
  }

  private final Host host;
  private final int maxSize;
  private final Duration timeout;

  public RequestResponse(final Host host, final int maxSize, final Duration timeout) {
    this.host = host;
    this.maxSize = maxSize;
    this.timeout = timeout;
  }

  /** Serves {@code protocol} with {@code responder}. */
  public void serve(final String protocol, final Responder responder) {
    host.handle(protocol, (stream, connection, p) -> {
      stream.pipeline().addLast(new VarintFrameDecoder(maxSize));
      stream.pipeline().addLast(VarintFrameEncoder.INSTANCE);
      stream.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
        private boolean answered;

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final ByteBuf msg) {
          if (answered) {
            stream.reset(); // one request per stream
            return;
          }
          answered = true;
          final CompletableFuture<byte[]> response;
          try {
            response = responder.respond(connection.remotePeer(), ByteBufUtil.getBytes(msg));
          } catch (RuntimeException e) {
            stream.reset();
            return;
          }
          response.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((bytes, e) -> {
            if (e != null || bytes == null || bytes.length > maxSize) {
              stream.reset();
            } else {
              stream.writeAndFlush(Unpooled.wrappedBuffer(bytes));
              stream.closeWrite();
            }
          });
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
          stream.reset();
        }
      });
    });
  }

  /** Sends {@code request} to {@code peer} on {@code protocol} and completes with the response. */
  public CompletableFuture<byte[]> request(final PeerId peer, final String protocol, final byte[] request) {
    if (request.length > maxSize) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "request of " + request.length + " bytes exceeds the limit of " + maxSize));
    }
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    host.newStream(peer, List.of(protocol), (stream, connection, p) -> {
      stream.pipeline().addLast(new VarintFrameDecoder(maxSize));
      stream.pipeline().addLast(VarintFrameEncoder.INSTANCE);
      stream.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final ByteBuf msg) {
          result.complete(ByteBufUtil.getBytes(msg));
          ctx.close();
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
          if (evt instanceof ChannelInputShutdownEvent) {
            result.completeExceptionally(new IllegalStateException(peer + " closed without answering"));
            ctx.close();
          }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
          result.completeExceptionally(cause);
          stream.reset();
        }
      });
      stream.closeFuture().addListener(f -> result.completeExceptionally(
          new IllegalStateException("stream to " + peer + " closed without an answer")));
      stream.writeAndFlush(Unpooled.wrappedBuffer(request));
      stream.closeWrite();
    }).whenComplete((YamuxStream s, Throwable e) -> {
      if (e != null) {
        result.completeExceptionally(e);
      }
    });
    return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
