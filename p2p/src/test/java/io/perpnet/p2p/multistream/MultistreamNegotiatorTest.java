package io.perpnet.p2p.multistream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultistreamNegotiatorTest {
  private final List<String> selected = new ArrayList<>();
  private final ByteBuf after = Unpooled.buffer();

  private MultistreamNegotiator.Selected record() {
    return (ctx, protocol) -> {
      selected.add(protocol);
      ctx.pipeline().addLast(new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(final ChannelHandlerContext c, final Object msg) {
          after.writeBytes((ByteBuf) msg);
          ((ByteBuf) msg).release();
        }
      });
    };
  }

  private static ByteBuf msgs(final String... texts) {
    final ByteBuf b = Unpooled.buffer();
    for (final String t : texts) {
      b.writeBytes(MultistreamMessage.encode(t));
    }
    return b;
  }

  private static String outbound(final EmbeddedChannel ch) {
    final ByteBuf all = Unpooled.buffer();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      all.writeBytes((ByteBuf) o);
      ((ByteBuf) o).release();
    }
    return ByteBufUtil.hexDump(all);
  }

  @Test
  void initiatorFallsBackAfterNaAndPassesOnTheBytesThatFollow() {
    final EmbeddedChannel ch = new EmbeddedChannel(
        MultistreamNegotiator.initiator(List.of("/meshsub/1.2.0", "/meshsub/1.1.0"), record()));
    assertEquals(ByteBufUtil.hexDump(msgs("/multistream/1.0.0", "/meshsub/1.2.0")), outbound(ch));
    ch.writeInbound(msgs("/multistream/1.0.0", "na"));
    assertEquals(ByteBufUtil.hexDump(msgs("/meshsub/1.1.0")), outbound(ch));
    ch.writeInbound(msgs("/meshsub/1.1.0").writeBytes(new byte[] {7, 8}));
    assertEquals(List.of("/meshsub/1.1.0"), selected);
    assertEquals("0708", ByteBufUtil.hexDump(after));
  }

  @Test
  void responderAnswersNaThenLsThenAccepts() {
    final EmbeddedChannel ch = new EmbeddedChannel(MultistreamNegotiator.responder(() -> Set.of("/noise"), record()));
    ch.writeInbound(msgs("/multistream/1.0.0", "/tls/1.0.0", "ls", "/noise"));
    final ByteBuf expected = msgs("/multistream/1.0.0", "na").writeBytes(MultistreamMessage.encodeList(List.of("/noise")))
        .writeBytes(MultistreamMessage.encode("/noise"));
    assertEquals(ByteBufUtil.hexDump(expected), outbound(ch));
    assertEquals(List.of("/noise"), selected);
  }

  @Test
  void endlessProposalsAndBadHeadersCloseTheChannel() {
    final EmbeddedChannel flood = new EmbeddedChannel(MultistreamNegotiator.responder(Set::of, record()));
    flood.writeInbound(msgs("/multistream/1.0.0"));
    for (int i = 0; i <= MultistreamNegotiator.MAX_ROUNDS; i++) {
      flood.writeInbound(msgs("/nope/" + i));
    }
    assertFalse(flood.isActive());
    final EmbeddedChannel wrong = new EmbeddedChannel(MultistreamNegotiator.responder(Set::of, record()));
    wrong.writeInbound(msgs("/multistream/2.0.0"));
    assertFalse(wrong.isActive());
    final EmbeddedChannel initiator = new EmbeddedChannel(MultistreamNegotiator.initiator(List.of("/a"), record()));
    initiator.writeInbound(msgs("/multistream/1.0.0", "na"));
    assertFalse(initiator.isActive());
    assertEquals(List.of(), selected);
  }
}
