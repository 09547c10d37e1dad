package io.perpnet.p2p.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session against hand-written frames, on an embedded channel. */
class YamuxSessionTest {
  private final List<YamuxStream> accepted = new ArrayList<>();
  private final List<Object> events = new ArrayList<>();
  private final ByteBuf received = Unpooled.buffer();

  private EmbeddedChannel listener(final int maxStreams) {
    return listener(YamuxLimits.defaults().withMaxStreams(maxStreams), true);
  }

  /** With {@code autoRead} off, the streams' protocol takes nothing until {@code read()} is called. */
  private EmbeddedChannel listener(final YamuxLimits limits, final boolean autoRead) {
    return new EmbeddedChannel(new YamuxSession(false, limits, stream -> {
      accepted.add(stream);
      stream.config().setAutoRead(autoRead);
      stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
          received.writeBytes((ByteBuf) msg);
          ((ByteBuf) msg).release();
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
          events.add(evt);
        }
      });
    }));
  }

  private static ByteBuf frame(final YamuxHeader.Type type, final int flags, final int id, final int length,
      final byte[] data) {
    final ByteBuf b = Unpooled.buffer().writeBytes(new YamuxHeader(type, flags, id, length).encode());
    return data == null ? b : b.writeBytes(data);
  }

  /** Every frame written so far, decoded. */
  private static List<YamuxHeader> written(final EmbeddedChannel ch, final int[] dataBytes) throws YamuxException {
    final ByteBuf all = Unpooled.buffer();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      all.writeBytes((ByteBuf) o);
      ((ByteBuf) o).release();
    }
    final List<YamuxHeader> out = new ArrayList<>();
    while (all.isReadable()) {
      final byte[] h = new byte[YamuxHeader.LENGTH];
      all.readBytes(h);
      final YamuxHeader header = YamuxHeader.decode(h, 0);
      if (header.type() == YamuxHeader.Type.DATA) {
        all.skipBytes(header.length());
        dataBytes[0] += header.length();
      }
      out.add(header);
    }
    return out;
  }

  @Test
  void answersPingsWithTheSameValue() throws Exception {
    final EmbeddedChannel ch = listener(8);
    ch.writeInbound(frame(YamuxHeader.Type.PING, YamuxHeader.SYN, 0, 77, null));
    final List<YamuxHeader> out = written(ch, new int[1]);
    assertEquals(List.of(new YamuxHeader(YamuxHeader.Type.PING, YamuxHeader.ACK, 0, 77)), out);
  }

  @Test
  void acceptsAStreamDeliversDataAndReportsTheRemoteFin() throws Exception {
    final EmbeddedChannel ch = listener(8);
    ch.writeInbound(frame(YamuxHeader.Type.DATA, YamuxHeader.SYN, 1, 3, new byte[] {1, 2, 3}));
    ch.writeInbound(frame(YamuxHeader.Type.DATA, YamuxHeader.FIN, 1, 2, new byte[] {4, 5}));
    assertEquals(1, accepted.size());
    assertEquals(5, received.readableBytes());
    assertTrue(events.contains(ChannelInputShutdownEvent.INSTANCE));
    final List<YamuxHeader> out = written(ch, new int[1]);
    assertEquals(new YamuxHeader(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.ACK, 1, 0), out.get(0));
  }

  @Test
  void dataBeyondTheWindowIsAProtocolError() throws Exception {
    final EmbeddedChannel ch = listener(8);
    ch.writeInbound(frame(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.SYN, 1, 0, null));
    final ByteBuf big = frame(YamuxHeader.Type.DATA, 0, 1, YamuxSession.INITIAL_WINDOW + 1, null);
    try {
      ch.writeInbound(big);
    } catch (Exception expected) {
      // the guard of a real connection closes it; here the exception surfaces
    }
    final List<YamuxHeader> out = written(ch, new int[1]);
    assertTrue(out.contains(new YamuxHeader(YamuxHeader.Type.GO_AWAY, 0, 0, 1)), out.toString());
    assertFalse(ch.isActive());
  }

  @Test
  void aStreamWithOurParityIsAProtocolError() throws Exception {
    final EmbeddedChannel ch = listener(8);
    try {
      ch.writeInbound(frame(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.SYN, 2, 0, null));
    } catch (Exception expected) {
      // surfaced protocol error
    }
    assertTrue(written(ch, new int[1]).contains(new YamuxHeader(YamuxHeader.Type.GO_AWAY, 0, 0, 1)));
    assertFalse(ch.isActive());
  }

  @Test
  void streamsBeyondTheLimitAreReset() throws Exception {
    final EmbeddedChannel ch = listener(1);
    ch.writeInbound(frame(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.SYN, 1, 0, null));
    ch.writeInbound(frame(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.SYN, 3, 0, null));
    assertEquals(1, accepted.size());
    final List<YamuxHeader> out = written(ch, new int[1]);
    assertTrue(out.contains(new YamuxHeader(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.RST, 3, 0)), out.toString());
    assertTrue(ch.isActive());
  }

  @Test
  void writesNeverExceedThePeersWindowAndResumeOnWindowUpdate() throws Exception {
    final YamuxSession session = new YamuxSession(true, 8, s -> {});
    final EmbeddedChannel ch = new EmbeddedChannel(session);
    final YamuxStream[] opened = new YamuxStream[1];
    session.openStream(s -> opened[0] = s);
    ch.runPendingTasks();
    assertNotNull(opened[0]);
    assertEquals(1, opened[0].streamId(), "the dialer's streams are odd");
    opened[0].writeAndFlush(Unpooled.wrappedBuffer(new byte[300 * 1024]));
    ch.runPendingTasks();
    final int[] data = new int[1];
    written(ch, data);
    assertEquals(YamuxSession.INITIAL_WINDOW, data[0]);
    ch.writeInbound(frame(YamuxHeader.Type.WINDOW_UPDATE, 0, 1, 100 * 1024, null));
    ch.runPendingTasks();
    data[0] = 0;
    written(ch, data);
    assertEquals(300 * 1024 - YamuxSession.INITIAL_WINDOW, data[0]);
  }

  private static ByteBuf data(final int id, final int flags, final int length) {
    return frame(YamuxHeader.Type.DATA, flags, id, length, new byte[length]);
  }

  private static long windowGranted(final List<YamuxHeader> out, final int id) {
    return out.stream().filter(h -> h.type() == YamuxHeader.Type.WINDOW_UPDATE && h.streamId() == id)
        .mapToLong(YamuxHeader::unsignedLength).sum();
  }

  @Test
  void windowIsGrantedBackOnlyForBytesTheProtocolTook() throws Exception {
    final EmbeddedChannel ch = listener(YamuxLimits.defaults(), false);
    ch.writeInbound(data(1, YamuxHeader.SYN, 64 * 1024));
    for (int i = 0; i < 3; i++) {
      ch.writeInbound(data(1, 0, 64 * 1024)); // the whole window, none of it read
    }
    assertEquals(0, received.readableBytes());
    assertEquals(0, windowGranted(written(ch, new int[1]), 1), "nothing granted while nothing is read");
    final YamuxStream stream = accepted.get(0);
    stream.read();
    stream.read();
    assertEquals(128 * 1024, received.readableBytes(), "one buffer per read() with autoRead off");
    assertEquals(128 * 1024, windowGranted(written(ch, new int[1]), 1), "half the window taken, granted back");
    try {
      ch.writeInbound(data(1, 0, 128 * 1024 + 1)); // beyond what was granted back
    } catch (Exception expected) {
      // the session surfaces its protocol error
    }
    assertTrue(written(ch, new int[1]).contains(new YamuxHeader(YamuxHeader.Type.GO_AWAY, 0, 0, 1)));
    assertFalse(ch.isActive());
  }

  @Test
  void theRemoteFinArrivesAfterTheDataQueuedBeforeIt() throws Exception {
    final EmbeddedChannel ch = listener(YamuxLimits.defaults(), false);
    ch.writeInbound(data(1, YamuxHeader.SYN, 10));
    ch.writeInbound(data(1, YamuxHeader.FIN, 5));
    assertTrue(events.isEmpty(), "FIN held behind unread data");
    accepted.get(0).read();
    assertTrue(events.isEmpty());
    accepted.get(0).read();
    assertEquals(15, received.readableBytes());
    assertEquals(List.of(ChannelInputShutdownEvent.INSTANCE), events);
    ch.finishAndReleaseAll();
  }

  @Test
  void bytesNoProtocolReadsAreBoundedPerSession() throws Exception {
    final EmbeddedChannel ch = listener(new YamuxLimits(256, 4 << 20, 8 << 20, 1 << 20, 10), false);
    try {
      for (int id = 1; id <= 11; id += 2) { // six streams, each sending its whole window: 1.5 MiB
        ch.writeInbound(data(id, YamuxHeader.SYN, 64 * 1024));
        for (int i = 0; i < 3; i++) {
          ch.writeInbound(data(id, 0, 64 * 1024));
        }
      }
    } catch (Exception expected) {
      // the session surfaces its protocol error
    }
    assertTrue(written(ch, new int[1]).contains(new YamuxHeader(YamuxHeader.Type.GO_AWAY, 0, 0, 1)));
    assertFalse(ch.isActive());
  }

  @Test
  void aPingFloodIsAProtocolError() throws Exception {
    final EmbeddedChannel ch = listener(8);
    try {
      for (int i = 0; i <= YamuxLimits.defaults().maxPingsPerSecond(); i++) {
        ch.writeInbound(frame(YamuxHeader.Type.PING, YamuxHeader.SYN, 0, i, null));
      }
    } catch (Exception expected) {
      // the session surfaces its protocol error
    }
    final List<YamuxHeader> out = written(ch, new int[1]);
    assertEquals(YamuxLimits.defaults().maxPingsPerSecond(),
        out.stream().filter(h -> h.type() == YamuxHeader.Type.PING).count(), "answers up to the limit");
    assertTrue(out.contains(new YamuxHeader(YamuxHeader.Type.GO_AWAY, 0, 0, 1)));
    assertFalse(ch.isActive());
  }

  @Test
  void aStreamQueueingBeyondItsCapIsResetAndTheWriteFails() throws Exception {
    final YamuxSession session = new YamuxSession(true, YamuxLimits.defaults().withOutbound(512 * 1024, 1 << 20), s -> {});
    final EmbeddedChannel ch = new EmbeddedChannel(session);
    final YamuxStream[] opened = new YamuxStream[1];
    session.openStream(s -> opened[0] = s);
    ch.runPendingTasks();
    final var first = opened[0].writeAndFlush(Unpooled.wrappedBuffer(new byte[500 * 1024]));
    ch.runPendingTasks();
    assertTrue(first.isSuccess() || !first.isDone(), "within the cap: taken");
    assertEquals(500 * 1024 - YamuxSession.INITIAL_WINDOW, session.queuedOutbound(), "what the window holds back waits");
    final var second = opened[0].writeAndFlush(Unpooled.wrappedBuffer(new byte[300 * 1024]));
    ch.runPendingTasks();
    assertTrue(second.isDone() && second.cause() instanceof YamuxException, String.valueOf(second.cause()));
    assertFalse(opened[0].isOpen(), "the stream is reset");
    assertTrue(written(ch, new int[1]).contains(new YamuxHeader(YamuxHeader.Type.WINDOW_UPDATE, YamuxHeader.RST, 1, 0)));
    assertEquals(0, session.queuedOutbound(), "a reset stream's queue is released");
    assertTrue(ch.isActive());
  }

  @Test
  void aStreamOfDataForClosedStreamsIsAProtocolError() throws Exception {
    final EmbeddedChannel ch = listener(new YamuxLimits(256, 4 << 20, 8 << 20, 1 << 20, 10), true);
    ch.writeInbound(data(9, 0, 64 * 1024)); // in flight when we reset it: ignored
    assertTrue(ch.isActive());
    try {
      for (int i = 0; i < 16; i++) {
        ch.writeInbound(data(9, 0, 64 * 1024));
      }
    } catch (Exception expected) {
      // the session surfaces its protocol error
    }
    assertTrue(written(ch, new int[1]).contains(new YamuxHeader(YamuxHeader.Type.GO_AWAY, 0, 0, 1)));
    assertFalse(ch.isActive());
  }
}
