package io.perpnet.node.oracle;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.MessageType;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.node.commit.NonceAllocator;
import io.perpnet.node.oracle.feed.FeedException;
import io.perpnet.node.oracle.feed.PriceFeed;
import io.perpnet.node.oracle.feed.SourcePrice;
import io.perpnet.node.store.StoreException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oracle's signing: on each tick, for each market it follows, reads the feed and signs a
 * PriceAttestation when the reading is newer than the last signed and either half an interval
 * has passed or the price moved more than the move threshold, and the {@link OracleGuard} lets
 * it. The attestation (nonce from the node's allocator, valid for {@link #LIFETIME_MS}) goes to
 * {@code out}: the pool and the prices topic. A feed that fails or a guard that refuses is
 * counted by reason and logged when the reason changes, not on every tick.
 */
final class Attestor {
  private static final Logger LOG = LoggerFactory.getLogger(Attestor.class);
  /** How long an attestation may be submitted; the markets' staleness window is longer (60 s). */
  static final long LIFETIME_MS = 30_000;

  private record Last(long price, long observedMs, long signedAtMs) {}

  private final Ed25519KeyPair self;
  private final Bytes32 program;
  private final Map<Integer, String> symbols;
  private final PriceFeed feed;
  private final OracleGuard guard;
  private final NonceAllocator nonces;
  private final long intervalMs;
  private final int moveBps;
  private final LongSupplier clock;
  private final Consumer<Signed<PriceAttestation>> out;
  private final OracleStats stats;
  private final Map<Integer, Last> last = new HashMap<>();
  private final Map<Integer, String> problem = new HashMap<>();

  Attestor(final Ed25519KeyPair self, final Bytes32 program, final Map<Integer, String> symbols, final PriceFeed feed,
      final OracleGuard guard, final NonceAllocator nonces, final long intervalMs, final int moveBps,
      final LongSupplier clock, final Consumer<Signed<PriceAttestation>> out, final OracleStats stats) {
    this.self = self;
    this.program = program;
    this.symbols = Map.copyOf(symbols);
    this.feed = feed;
    this.guard = guard;
    this.nonces = nonces;
    this.intervalMs = intervalMs;
    this.moveBps = moveBps;
    this.clock = clock;
    this.out = out;
    this.stats = stats;
  }

  void tick() {
    symbols.forEach(this::tick);
  }

  private void tick(final int market, final String symbol) {
    final SourcePrice reading;
    try {
      reading = feed.read(symbol);
    } catch (FeedException e) {
      refuse(market, e.reason().name(), e.getMessage());
      return;
    }
    final long now = clock.getAsLong();
    final Last before = last.get(market);
    if (before != null && (reading.observedMs() <= before.observedMs()
        || (now - before.signedAtMs() < intervalMs / 2 && !moved(reading.price(), before.price())))) {
      return;
    }
    switch (guard.check(symbol, reading, now)) {
      case OracleGuard.Decision.Refuse r -> refuse(market, r.reason().name(), r.detail());
      case OracleGuard.Decision.Sign s -> sign(market, s, now);
    }
  }

  private void sign(final int market, final OracleGuard.Decision.Sign s, final long now) {
    final Signed<PriceAttestation> a;
    try {
      a = Signed.sign(new PriceAttestation(new Header(market, program, now + LIFETIME_MS,
          nonces.next(MessageType.PRICE_ATTESTATION, self.publicKey())), self.publicKey(), s.price(), s.observedMs()),
          self);
    } catch (StoreException e) {
      refuse(market, "STORE", e.getMessage());
      return;
    }
    last.put(market, new Last(s.price(), s.observedMs(), now));
    stats.signed.incrementAndGet();
    if (problem.remove(market) != null) {
      LOG.info("oracle signing {} again at {}", symbols.get(market), s.price());
    }
    out.accept(a);
  }

  private void refuse(final int market, final String reason, final String detail) {
    stats.refused(reason);
    if (!reason.equals(problem.put(market, reason))) {
      LOG.warn("oracle not signing {}: {}", symbols.get(market), detail);
    }
  }

  private boolean moved(final long price, final long reference) {
    return BigInteger.valueOf(Math.abs(price - reference)).multiply(BigInteger.valueOf(10_000))
        .compareTo(BigInteger.valueOf(moveBps).multiply(BigInteger.valueOf(reference))) > 0;
  }
}
