package io.perpnet.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * multistream-select 1.0 on a connection or a stream. The initiator sends the header and its first
 * proposal in one write, then waits for the header and the echo, proposing its next candidate after
 * each {@code na}. The responder answers the header after reading it, echoes a proposal it supports,
 * answers {@code na} otherwise and {@code ls} with its list.
 *
 * <p>On agreement the handler installs the next stage through {@link Selected} and removes itself;
 * bytes that followed the echo in the same read are passed to that stage. A violation, exhausted
 * proposals or too many rounds closes the channel and fails {@link Selected#failed}.
 */
public final class MultistreamNegotiator extends ByteToMessageDecoder {
  /** Responders give up after this many proposals, so a peer cannot keep one busy forever. */
  static final int MAX_ROUNDS = 32;

  /** What happens after negotiation. */
  public interface Selected {
    /** Called on the event loop with the agreed protocol; add the next handlers after {@code ctx}. */
    void selected(ChannelHandlerContext ctx, String protocol);

    default void failed(ChannelHandlerContext ctx, String reason) {}
  }

  private final boolean initiator;
  private final List<String> proposals;
  private final Supplier<Set<String>> supported;
  private final Selected selected;
  private boolean headerSeen;
  private int next;
  private int rounds;
  private boolean done;

  private MultistreamNegotiator(
      final boolean initiator, final List<String> proposals, final Supplier<Set<String>> supported, final Selected selected) {
    this.initiator = initiator;
    this.proposals = proposals;
    this.supported = supported;
    this.selected = selected;
  }

  /** Proposes each protocol in turn until the responder accepts one. */
  public static MultistreamNegotiator initiator(final List<String> proposals, final Selected selected) {
    if (proposals.isEmpty()) {
      throw new IllegalArgumentException("nothing to propose");
    }
    return new MultistreamNegotiator(true, List.copyOf(proposals), Set::of, selected);
  }

  /** Accepts the first proposal found in {@code supported} (read at each proposal, so it may change). */
  public static MultistreamNegotiator responder(final Supplier<Set<String>> supported, final Selected selected) {
    return new MultistreamNegotiator(false, List.of(), supported, selected);
  }

  @Override
  public void handlerAdded(final ChannelHandlerContext ctx) {
    if (initiator && ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(final ChannelHandlerContext ctx) throws Exception {
    if (initiator && next == 0) {
      start(ctx);
    }
    super.channelActive(ctx);
  }

  private void start(final ChannelHandlerContext ctx) {
    if (next != 0) {
      return;
    }
    next = 1;
    final ByteBuf out = Unpooled.wrappedBuffer(
        MultistreamMessage.encode(MultistreamMessage.PROTOCOL), MultistreamMessage.encode(proposals.get(0)));
    ctx.writeAndFlush(out);
  }

  @Override
  protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
    while (!done && in.isReadable()) {
      final String message;
      try {
        message = readMessage(in);
      } catch (MultistreamMessage.MultistreamException e) {
        fail(ctx, e.getMessage());
        return;
      }
      if (message == null) {
        return;
      }
      if (!headerSeen) {
        if (!MultistreamMessage.PROTOCOL.equals(message)) {
          fail(ctx, "expected the multistream header, got '" + printable(message) + "'");
          return;
        }
        headerSeen = true;
        if (!initiator) {
          ctx.writeAndFlush(Unpooled.wrappedBuffer(MultistreamMessage.encode(MultistreamMessage.PROTOCOL)));
        }
        continue;
      }
      if (initiator) {
        onAnswer(ctx, message);
      } else {
        onProposal(ctx, message);
      }
    }
  }

  private void onAnswer(final ChannelHandlerContext ctx, final String message) {
    final String proposed = proposals.get(next - 1);
    if (message.equals(proposed)) {
      agree(ctx, proposed);
    } else if (MultistreamMessage.NA.equals(message)) {
      if (next >= proposals.size()) {
        fail(ctx, "the peer supports none of " + proposals);
        return;
      }
      ctx.writeAndFlush(Unpooled.wrappedBuffer(MultistreamMessage.encode(proposals.get(next++))));
    } else {
      fail(ctx, "unexpected answer '" + printable(message) + "' to proposal " + proposed);
    }
  }

  private void onProposal(final ChannelHandlerContext ctx, final String message) {
    if (++rounds > MAX_ROUNDS) {
      fail(ctx, "more than " + MAX_ROUNDS + " proposals");
      return;
    }
    final Set<String> accepted = supported.get();
    if (MultistreamMessage.LS.equals(message)) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(MultistreamMessage.encodeList(new ArrayList<>(accepted))));
    } else if (accepted.contains(message)) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(MultistreamMessage.encode(message)));
      agree(ctx, message);
    } else {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(MultistreamMessage.encode(MultistreamMessage.NA)));
    }
  }

  private void agree(final ChannelHandlerContext ctx, final String protocol) {
    done = true;
    selected.selected(ctx, protocol);
    if (!ctx.isRemoved()) {
      ctx.pipeline().remove(this);
    }
  }

  private void fail(final ChannelHandlerContext ctx, final String reason) {
    done = true;
    selected.failed(ctx, reason);
    ctx.close();
  }

  private static String readMessage(final ByteBuf in) throws MultistreamMessage.MultistreamException {
    final int readable = Math.min(in.readableBytes(), MultistreamMessage.MAX_LENGTH + 2);
    final byte[] peek = new byte[readable];
    in.getBytes(in.readerIndex(), peek);
    final MultistreamMessage.Decoded decoded = MultistreamMessage.decode(peek, 0, readable);
    if (decoded == null) {
      return null;
    }
    in.skipBytes(decoded.length());
    return decoded.text();
  }

  private static String printable(final String s) {
    final String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
