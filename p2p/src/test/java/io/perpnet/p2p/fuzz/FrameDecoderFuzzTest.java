package io.perpnet.p2p.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import io.perpnet.p2p.testing.NettyLeaks;
import io.perpnet.p2p.wire.VarintFrameDecoder;
import io.perpnet.p2p.yamux.YamuxSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.lifecycle.AfterContainer;
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

  /** Arbitrary bytes parsed as an RPC from one peer never stop another peer's message from being delivered. */
  @Property(tries = 1000)
  void gossipRpcNeverBreaksTheRouter(@ForAll final byte[] bytes) {
    final RouterUnderFuzz world = new RouterUnderFuzz(1);
    try {
      world.router.handleRpc(world.noisy, RPC.parseFrom(bytes));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      // the stream handler resets the stream and penalises the peer
    }
    world.router.heartbeat();
    world.honestPublishes("after the noise");
    world.assertInvariants();
    assertEquals(world.honest, world.delivered);
  }

  /**
   * Structured noise from one peer (valid and invalid messages, duplicates, subscriptions, IHAVE,
   * IWANT, GRAFT and PRUNE for joined and unknown topics) interleaved with an honest peer's
   * messages and another honest peer's IWANTs, across heartbeats: every honest message is
   * delivered exactly once, IWANTs for cached messages are answered (at most three times per peer),
   * nothing is delivered twice, and no state appears for topics the router never joined.
   */
  @Property(tries = 200)
  void structuredNoiseNeverStopsHonestDelivery(@ForAll final long seed) {
    final Random random = new Random(seed);
    final RouterUnderFuzz world = new RouterUnderFuzz(seed);
    for (int step = 0; step < 150; step++) {
      switch (random.nextInt(8)) {
        case 0 -> world.honestPublishes("honest " + step);
        case 1 -> world.asksForARecentMessage(random);
        case 2 -> world.noise(RPC.newBuilder().addPublish(RouterUnderFuzz.message(
            random.nextBoolean() ? RouterUnderFuzz.TOPIC : world.someTopic(random), "noise " + random.nextInt(20)))
            .build());
        case 3 -> world.noise(world.invalidMessage(random));
        case 4 -> world.noise(world.control(random));
        case 5 -> world.noise(world.subscriptions(random));
        case 6 -> world.replayHonest(random);
        default -> world.tick();
      }
      world.assertInvariants();
    }
    assertEquals(world.honest, world.delivered.stream().filter(d -> d.startsWith("honest ")).toList());
  }

  /** jqwik properties do not run JUnit's extensions: the leak check runs once they are done. */
  @AfterContainer
  static void noBufferLeaked() {
    NettyLeaks.assertNone("the frame decoder properties");
    assertTrue(RouterUnderFuzz.IWANTS_ANSWERED.get() > 0 && RouterUnderFuzz.IWANTS_REFUSED.get() > 0,
        "the structured fuzzing never reached the IWANT paths: " + RouterUnderFuzz.IWANTS_ANSWERED + " answered, "
            + RouterUnderFuzz.IWANTS_REFUSED + " refused");
  }

  @Test
  void anOversizedLengthIsRefusedBeforeItsBytesArrive() {
    final EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(1024 * 1024));
    // announces 2 GiB with five bytes: refused at once, nothing buffered
    assertThrows(DecoderException.class,
        () -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08})));
  }
}
