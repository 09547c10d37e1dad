package io.perpnet.node.fills;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.chain.ChainService;
import io.perpnet.node.service.Service;
import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.EventFeed;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a {@link Fill} for each {@code position.opened} and {@code position.closed} of the event
 * log, as a {@code fill} event with its {@code fills} row. It follows the log from its start, so
 * an event whose fill a crash or an unreachable RPC left unrecorded is taken up at the next start
 * (a fill already recorded is skipped before any RPC call). A close whose transaction the RPC does
 * not show yet is retried with backoff, {@link #ATTEMPTS} times; on its own thread.
 */
public final class FillService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(FillService.class);
  static final int ATTEMPTS = 8;
  private final Supplier<Store> store;
  private final ChainService chain;
  private final Ed25519PublicKey self;
  private final LongSupplier clock;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fills").factory());
  private volatile FillResolver resolver;
  private volatile EventFeed feed;

  public FillService(final Supplier<Store> store, final ChainService chain, final Ed25519PublicKey self,
      final LongSupplier clock) {
    this.store = store;
    this.chain = chain;
    this.self = self;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "fills";
  }

  @Override
  public void start() throws StoreException {
    resolver = new FillResolver(new FillResolver.History() {
      @Override
      public List<io.perpnet.escrow.rpc.SolanaRpc.AddressSignature> signaturesFor(final byte[] address,
          final int limit) throws RpcError {
        return chain.rpc().signaturesFor(address, limit);
      }

      @Override
      public Optional<io.perpnet.escrow.rpc.SolanaRpc.Landed> landed(final String signature) throws RpcError {
        return chain.rpc().landed(signature);
      }
    }, m -> chain.client().program().position(m.hash().bytes(), m.payload().positionBump()).address().toByteArray(),
        market -> chain.marketAccount(market).map(a -> a.config()), self);
    feed = store.get().follow(0, this::seen);
  }

  private void seen(final Event e) {
    if (e.kind().equals("position.opened") || e.kind().equals("position.closed")) {
      thread.execute(() -> resolve(e, 1));
    }
  }

  private void resolve(final Event e, final int attempt) {
    final boolean open = e.kind().equals("position.opened");
    final byte[] matchId = HexFormat.of().parseHex(new String(e.payload(), 0, 64, StandardCharsets.US_ASCII));
    try {
      if (store.get().get(Column.FILLS, Fill.key(matchId, open)).isPresent()) {
        return;
      }
      final Optional<byte[]> stored = store.get().get(Column.MATCHES, matchId);
      if (stored.isEmpty()) {
        return; // not a match of ours
      }
      final Signed<MatchTerms> match = Signed.decode(stored.get(), MatchTerms.class);
      final Optional<Fill> fill = open ? resolver.open(match, openedMs(e)) : resolver.close(match, clock.getAsLong());
      if (fill.isPresent()) {
        store.get().append("fill", fill.get().encode(), List.of(new Event.Change(Column.FILLS, fill.get().key(),
            fill.get().encode())), Store.Durability.BUFFERED);
        LOG.info("match {}: {}", Bytes32.wrap(matchId).toHex(), fill.get());
        return;
      }
      retry(e, attempt, "its transaction is not visible yet");
    } catch (RpcError | StoreException | RuntimeException ex) {
      retry(e, attempt, ex.getMessage());
    } catch (io.perpnet.consensus.validation.RejectedException ex) {
      LOG.warn("match {}: stored match unreadable, no fill: {}", Bytes32.wrap(matchId).toHex(), ex.getMessage());
    }
  }

  private void retry(final Event e, final int attempt, final String why) {
    if (attempt >= ATTEMPTS || thread.isShutdown()) {
      LOG.warn("event {} ({}): no fill recorded after {} attempts ({}); the next start tries again", e.sequence(),
          e.kind(), attempt, why);
      return;
    }
    thread.schedule(() -> resolve(e, attempt + 1), Math.min(30_000L, 250L << attempt), TimeUnit.MILLISECONDS);
  }

  /** The chain's opening time, from the event's mirror of the position (Submitter.mirror: size, entry, opened ms). */
  private long openedMs(final Event e) {
    return e.changes().stream().filter(c -> c.column() == Column.POSITIONS && !c.isDelete()).findFirst()
        .map(c -> ByteBuffer.wrap(c.value()).getLong(16)).orElse(clock.getAsLong());
  }

  @Override
  public void stop() {
    final EventFeed f = feed;
    if (f != null) {
      f.close();
    }
    thread.shutdownNow();
  }
}
