package io.perpnet.node.rfq;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.consensus.message.CloseTerms;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.Messages;
import io.perpnet.consensus.message.Signed;
import io.perpnet.node.commit.NonceAllocator;
import io.perpnet.node.store.StoreException;
import io.perpnet.p2p.P2pNetwork;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The proposing side of a mutual close: CloseTerms for the whole position at a price, valid
 * {@link #LIFETIME_MS}, signed with a fresh nonce and sent to the other party ({@link CloseDesk}
 * answers); completes with both signatures, checked as the chain checks them.
 */
public final class MutualClose {
  static final long LIFETIME_MS = 30_000;
  private final Ed25519KeyPair self;
  private final NonceAllocator nonces;
  private final P2pNetwork network;
  private final LongSupplier clock;

  public MutualClose(final Ed25519KeyPair self, final NonceAllocator nonces, final P2pNetwork network,
      final LongSupplier clock) {
    this.self = self;
    this.nonces = nonces;
    this.network = network;
    this.clock = clock;
  }

  /** Fails with the other party's refusal (its stable code) if it does not sign. */
  public CompletableFuture<Signed<CloseTerms>> propose(final Signed<MatchTerms> match, final long price) {
    final MatchTerms m = match.payload();
    final Ed25519PublicKey us = self.publicKey();
    final Ed25519PublicKey other = us.equals(m.trader()) ? m.maker() : m.trader();
    final CloseTerms terms;
    try {
      terms = new CloseTerms(new Header(m.header().market(), m.header().program(), clock.getAsLong() + LIFETIME_MS,
          nonces.next(MessageType.CLOSE_TERMS, us)), match.hash(), m.trader(), m.maker(), price, m.size());
    } catch (StoreException e) {
      return CompletableFuture.failedFuture(e);
    }
    final byte[] bytes = Messages.encode(terms);
    final byte[] ours = self.sign(bytes);
    return network.request(PeerId.of(other), CloseDesk.PROTOCOL, CloseDesk.request(terms, ours)).thenCompose(answer -> {
      try {
        return switch (AcceptWire.Response.decode(answer)) {
          case AcceptWire.Response.Refused r -> CompletableFuture.failedFuture(
              new io.perpnet.consensus.validation.RejectedException(r.reason(), "the other party refused the close ("
                  + r.detail() + ")"));
          case AcceptWire.Response.Countersigned c -> other.verifyAsOnChain(bytes, c.makerSignature())
              ? CompletableFuture.completedFuture(CloseDesk.both(terms, us, ours, c.makerSignature()))
              : CompletableFuture.failedFuture(new IllegalStateException("its signature over the close does not verify"));
        };
      } catch (AcceptWire.Malformed e) {
        return CompletableFuture.failedFuture(e);
      }
    });
  }
}
