package io.perpnet.node.api.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The API's HTTP/1.1 and WebSocket server on Netty's codecs: {@code HttpServerCodec} parses,
 * {@code HttpObjectAggregator} bounds a request to {@link #MAX_BODY_BYTES} (beyond: 413 in the
 * API's error shape), the {@link ApiHandler} authenticates and answers, and a request to the
 * WebSocket path that it lets through is upgraded by Netty's protocol handler.
 */
public final class HttpServer implements AutoCloseable {
  public static final int MAX_BODY_BYTES = 64 * 1024;
  public static final int MAX_HEADER_BYTES = 8 * 1024;
  public static final String WS_PATH = "/v1/ws";
  /**
   * The WebSocket subprotocol the server selects when a client offers it; a browser offers its
   * token beside it as {@code bearer.<token>}.
   */
  public static final String WS_SUBPROTOCOL = "perp.v1";
  /** A WebSocket frame (a subscribe request) above this ends the connection. */
  public static final int MAX_WS_FRAME_BYTES = 16 * 1024;
  /** A connection idle this long (no request, no read on a WebSocket) is closed. */
  public static final int IDLE_SECONDS = 120;

  private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;

  /**
   * @param api one per connection: the API's handler
   * @param ws one per WebSocket connection, after its upgrade
   */
  public HttpServer(final InetSocketAddress listen, final Supplier<ApiHandler> api,
      final Supplier<ChannelHandler> ws) throws InterruptedException {
    final WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder().websocketPath(WS_PATH).subprotocols(WS_SUBPROTOCOL)
        .maxFramePayloadLength(MAX_WS_FRAME_BYTES).handleCloseFrames(true).dropPongFrames(true)
        .handshakeTimeoutMillis(10_000).build();
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(final SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(4096, MAX_HEADER_BYTES, 8192))
                .addLast(new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                .addLast(new Aggregator())
                .addLast(api.get())
                .addLast(new WebSocketServerProtocolHandler(wsConfig))
                .addLast(ws.get());
          }
        }).bind(listen).sync().channel();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Answers an oversized request in the API's error shape, then closes. */
  private static final class Aggregator extends HttpObjectAggregator {
    Aggregator() {
      super(MAX_BODY_BYTES);
    }

    @Override
    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized) {
      final ApiError e = new ApiError(ErrorCode.BODY_TOO_LARGE, "request bodies are at most " + MAX_BODY_BYTES
          + " bytes");
      final FullHttpResponse r = ApiHandler.response(e.status(), e.json());
      if (!(oversized instanceof io.netty.handler.codec.http.FullHttpMessage)
          && io.netty.handler.codec.http.HttpUtil.isKeepAlive(oversized)) {
        ctx.writeAndFlush(r); // the aggregator skips the rest of the body; the connection stays usable
      } else {
        ctx.writeAndFlush(r).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
      }
    }
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
