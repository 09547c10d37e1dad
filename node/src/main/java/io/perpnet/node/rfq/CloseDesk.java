package io.perpnet.node.rfq;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Messages;
import io.perpnet.consensus.message.Side;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import io.perpnet.p2p.reqresp.RequestResponse;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual close, {@value #PROTOCOL}: one party proposes CloseTerms for a position at a price with
 * its signature; the other signs them too or refuses with a stable code (the answer is
 * {@link AcceptWire.Response}). The responder signs only terms for a match it holds, between its
 * parties, for the whole position, not expired, signed by the other party as the chain checks it,
 * at a price no worse for it than the oracle mark by more than {@code toleranceBps}.
 *
 * <pre>request: u8 version (1), u16 length, the CloseTerms bytes, 64 the proposer's signature</pre>
 */
public final class CloseDesk implements RequestResponse.Responder {
  public static final String PROTOCOL = "/perp/close/1";
  private static final Logger LOG = LoggerFactory.getLogger(CloseDesk.class);

  private final Ed25519KeyPair self;
  private final Store store;
  private final IntFunction<OptionalLong> mark;
  private final int toleranceBps;
  private final LongSupplier clock;
  private final Executor desk;

  public CloseDesk(final Ed25519KeyPair self, final Store store, final IntFunction<OptionalLong> mark,
      final int toleranceBps, final LongSupplier clock, final Executor desk) {
    this.self = self;
    this.store = store;
    this.mark = mark;
    this.toleranceBps = toleranceBps;
    this.clock = clock;
    this.desk = desk;
  }

  /** The proposal's bytes: CloseTerms and the proposer's signature. */
  public static byte[] request(final CloseTerms terms, final byte[] signature) {
    final byte[] t = Messages.encode(terms);
    return ByteBuffer.allocate(1 + 2 + t.length + 64).put((byte) 1).putShort((short) t.length).put(t).put(signature)
        .array();
  }

  @Override
  public CompletableFuture<byte[]> respond(final PeerId peer, final byte[] request) {
    return CompletableFuture.supplyAsync(() -> answer(request).encode(), desk);
  }

  AcceptWire.Response answer(final byte[] bytes) {
    try {
      final ByteBuffer b = ByteBuffer.wrap(bytes);
      if (b.get() != 1) {
        throw new RejectedException(Rejection.UNSUPPORTED_VERSION, "close protocol version");
      }
      final byte[] t = new byte[b.getShort() & 0xffff];
      b.get(t);
      final byte[] signature = new byte[64];
      b.get(signature);
      if (b.hasRemaining()) {
        throw new RejectedException(Rejection.OVERLONG, b.remaining() + " bytes after the proposal");
      }
      final CloseTerms terms = Messages.decode(t, CloseTerms.class);
      final byte[] mine = decide(terms, t, signature);
      LOG.info("close of match {} at {}: countersigned", terms.matchId().toHex(), terms.price());
      return new AcceptWire.Response.Countersigned(mine);
    } catch (BufferUnderflowException e) {
      return new AcceptWire.Response.Refused(Rejection.TRUNCATED, "close proposal");
    } catch (RejectedException e) {
      LOG.info("close proposal refused: {} ({})", e.reason(), e.getMessage());
      return new AcceptWire.Response.Refused(e.reason(), e.getMessage());
    } catch (StoreException e) {
      return new AcceptWire.Response.Refused(Rejection.COMMITMENT_UNAVAILABLE, e.getMessage());
    }
  }

  private byte[] decide(final CloseTerms terms, final byte[] bytes, final byte[] signature)
      throws RejectedException, StoreException {
    final byte[] stored = store.get(Column.MATCHES, terms.matchId().bytes())
        .orElseThrow(() -> new RejectedException(Rejection.NOT_A_PARTY, "no match " + terms.matchId().toHex() + " here"));
    final MatchTerms match = Signed.decode(stored, MatchTerms.class).payload();
    if (!terms.trader().equals(match.trader()) || !terms.maker().equals(match.maker())
        || !(self.publicKey().equals(match.trader()) || self.publicKey().equals(match.maker()))) {
      throw new RejectedException(Rejection.NOT_A_PARTY, "the close names other parties");
    }
    if (!terms.header().program().equals(match.header().program()) || terms.header().market() != match.header().market()) {
      throw new RejectedException(Rejection.CONTEXT_MISMATCH, "the close is bound to another program or market");
    }
    if (terms.size() != match.size()) {
      throw new RejectedException(Rejection.CLOSE_SIZE_MISMATCH, terms.size() + ", the position is " + match.size());
    }
    if (clock.getAsLong() >= terms.header().expiryMs()) {
      throw new RejectedException(Rejection.EXPIRED, "the close expired at " + terms.header().expiryMs());
    }
    final boolean trader = self.publicKey().equals(match.trader());
    final Ed25519PublicKey proposer = trader ? match.maker() : match.trader();
    if (!proposer.verifyAsOnChain(bytes, signature)) {
      throw new RejectedException(Rejection.BAD_SIGNATURE, "the proposer's signature over the close");
    }
    final OptionalLong m = mark.apply(match.header().market());
    if (m.isEmpty()) {
      throw new RejectedException(Rejection.STALE_PRICE, "no oracle price to judge the close by");
    }
    // who sells on the close: a long trader (and a short maker's counterpart) sells back
    final boolean weSell = trader == (match.side() == Side.LONG);
    final long worst = weSell ? m.getAsLong() - m.getAsLong() * toleranceBps / 10_000
        : m.getAsLong() + m.getAsLong() * toleranceBps / 10_000;
    if (weSell ? terms.price() < worst : terms.price() > worst) {
      throw new RejectedException(Rejection.PRICE_OUTSIDE_LIMIT, "close at " + terms.price() + ", mark " + m.getAsLong());
    }
    return self.sign(bytes);
  }

  /** The two signatures in the terms' order (trader, then maker), given ours and the other's. */
  public static Signed<CloseTerms> both(final CloseTerms terms, final Ed25519PublicKey us, final byte[] ours,
      final byte[] theirs) {
    return us.equals(terms.trader()) ? Signed.of(terms, List.of(ours, theirs)) : Signed.of(terms, List.of(theirs, ours));
  }

  static Bytes32 id(final CloseTerms terms) {
    return Bytes32.sha256(Messages.encode(terms));
  }
}
