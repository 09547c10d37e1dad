package io.perpnet.p2p.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.multistream.MultistreamNegotiator;
import io.perpnet.p2p.noise.NoiseHandshakeHandler;
import io.perpnet.p2p.pubsub.GossipParams;
import io.perpnet.p2p.pubsub.GossipRouter;
import io.perpnet.p2p.pubsub.ScoreParams;
import io.perpnet.p2p.pubsub.SignaturePolicy;
import io.perpnet.p2p.pubsub.TopicValidator;
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import io.perpnet.p2p.wire.VarintFrameDecoder;
import io.perpnet.p2p.yamux.YamuxSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes into every frame decoder a peer can reach: multistream-select, the Noise
 * handshake, Yamux, length-prefixed frames and the gossip RPC. Nothing may escape as anything but a
 * closed connection, and nothing may be buffered beyond the configured limits.
 */
class FrameDecoderFuzzTest {
  private static final Ed25519KeyPair IDENTITY = Ed25519KeyPair.generate();

  @Provide
  Arbitrary<List<byte[]>> chunks() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(700).list().ofMaxSize(6);
  }

  /** Swallows what reaches the end of the pipeline, as the connection guard does (by closing). */
  private static final class Guard extends ChannelInboundHandlerAdapter {
    final List<Throwable> errors = new ArrayList<>();

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
      errors.add(cause);
      ctx.close();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
      io.netty.util.ReferenceCountUtil.release(msg);
    }
  }

  private static void feed(final EmbeddedChannel ch, final List<byte[]> chunks) {
    for (final byte[] c : chunks) {
      if (!ch.isActive()) {
        return;
      }
      ch.writeInbound(Unpooled.wrappedBuffer(c));
      ch.runPendingTasks();
    }
  }

  private static void drain(final EmbeddedChannel ch) {
    ch.releaseOutbound();
    ch.finishAndReleaseAll();
  }

  @Property(tries = 300)
  void multistreamResponder(@ForAll("chunks") final List<byte[]> chunks) {
    final boolean[] selected = {false};
    final Guard guard = new Guard();
    final EmbeddedChannel ch = new EmbeddedChannel(
        MultistreamNegotiator.responder(() -> Set.of("/noise"), (ctx, p) -> selected[0] = true), guard);
    feed(ch, chunks);
    assertTrue(guard.errors.isEmpty(), guard.errors.toString());
    drain(ch);
  }

  @Property(tries = 300)
  void noiseResponder(@ForAll("chunks") final List<byte[]> chunks) {
    final boolean[] secured = {false};
    final Guard guard = new Guard();
    final EmbeddedChannel ch = new EmbeddedChannel(new NoiseHandshakeHandler(false, IDENTITY, null,
        List.of(YamuxSession.PROTOCOL), new NoiseHandshakeHandler.Secured() {
          @Override
          public void secured(final ChannelHandlerContext codecCtx, final PeerId remote, final List<String> m) {
            secured[0] = true;
          }

          @Override
          public void failed(final ChannelHandlerContext ctx, final String reason) {}
        }), guard);
    feed(ch, chunks);
    assertTrue(!secured[0] && guard.errors.isEmpty(), guard.errors.toString());
    drain(ch);
  }

  @Property(tries = 500)
  void yamuxSession(@ForAll("chunks") final List<byte[]> chunks) {
    final int[] streams = {0};
    final Guard guard = new Guard();
    final EmbeddedChannel ch = new EmbeddedChannel(new YamuxSession(false, 4, s -> streams[0]++), guard);
    feed(ch, chunks);
    assertTrue(streams[0] <= 4 || !ch.isActive());
    for (final Throwable t : guard.errors) {
      assertTrue(t instanceof DecoderException || t instanceof io.perpnet.p2p.yamux.YamuxException, t.toString());
    }
    drain(ch);
  }

  @Property(tries = 500)
  void lengthPrefixedFramesStayWithinTheLimit(@ForAll("chunks") final List<byte[]> chunks) {
    final List<Integer> sizes = new ArrayList<>();
    final Guard guard = new Guard();
    final EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(256), new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        sizes.add(((ByteBuf) msg).readableBytes());
        ((ByteBuf) msg).release();
      }

      @Override
      public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        guard.exceptionCaught(ctx, cause);
      }
    });
    feed(ch, chunks);
    assertTrue(sizes.stream().allMatch(s -> s <= 256), sizes.toString());
    drain(ch);
  }

  @Property(tries = 1000)
  void gossipRpcNeverBreaksTheRouter(@ForAll final byte[] bytes) {
    final GossipRouter router = new GossipRouter(IDENTITY, GossipParams.defaults(), ScoreParams.defaults(),
        SignaturePolicy.STRICT_SIGN, (p, r) -> {}, System::currentTimeMillis, new Random(1), p -> 0);
    router.subscribe("t", TopicValidator.ACCEPT_ALL, m -> {});
    final PeerId peer = PeerId.of(Ed25519KeyPair.generate().publicKey());
    router.addPeer(peer, GossipRouter.MESHSUB_1_1, false, "10.0.0.1");
    final RPC rpc;
    try {
      rpc = RPC.parseFrom(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return; // the stream handler resets the stream and penalises the peer
    }
    router.handleRpc(peer, rpc);
    router.heartbeat();
  }

  @Test
  void anOversizedLengthIsRefusedBeforeItsBytesArrive() {
    final EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(1024 * 1024));
    // announces 2 GiB with five bytes: refused at once, nothing buffered
    assertThrows(DecoderException.class,
        () -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08})));
  }
}
