package io.perpnet.node.chain;

import io.perpnet.consensus.identity.Ed25519PublicKey;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.AccountFilter;
import io.perpnet.escrow.rpc.KeyedAccount;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.rpc.SolanaPubsub;
import io.perpnet.node.commit.StoredReservations;
import io.perpnet.node.service.Service;
import io.perpnet.node.store.Store;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.p2p.solanaj.core.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the program's accounts that concern us over the standard PubSub WebSocket: positions
 * where we are the trader or the maker, our margin account, and the accounts of the markets we
 * follow (their oracle prices: {@link PriceEvents}). After every (re)connection it
 * subscribes again and then reads all our positions (getProgramAccounts with the same filters),
 * so a change made while it was disconnected is not missed. A lost connection is retried with
 * backoff; the node keeps trading meanwhile (its submissions confirm by RPC).
 *
 * <p>One thread: notifications, reconciliation and reconnection run on it in order.
 */
public final class PositionWatch implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(PositionWatch.class);

  private final ChainService chain;
  private final URI wsUrl;
  private final Ed25519PublicKey self;
  private final Supplier<StoredReservations> book;
  private final Supplier<Store> store;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("chain-watch").factory());
  private PositionFollower follower;
  private PriceEvents prices;
  private Subscriptions subscriptions;

  /** {@code book} and {@code store} are read at start: the services that own them start first. */
  public PositionWatch(final ChainService chain, final URI wsUrl, final Ed25519PublicKey self,
      final Supplier<StoredReservations> book, final Supplier<Store> store) {
    this.chain = chain;
    this.wsUrl = wsUrl;
    this.self = self;
    this.book = book;
    this.store = store;
  }

  @Override
  public String name() {
    return "chain-watch";
  }

  @Override
  public void start() {
    follower = new PositionFollower(book.get(), store.get());
    prices = new PriceEvents(store.get());
    subscriptions = new Subscriptions("our accounts", wsUrl, Subscriptions.Plan.of(this::subscribe, this::reconcile),
        thread);
    chain.followedWhile(() -> subscriptions.subscribed().isDone());
    subscriptions.start();
  }

  /**
   * Completes once the node is subscribed and has reconciled (with how many positions it found
   * closed meanwhile); after a lost connection, the next such moment.
   */
  public CompletableFuture<Integer> subscribed() {
    return subscriptions.subscribed();
  }

  /** Completes, with the reason, when the subscriptions' connection up now (or the next) is lost. */
  public CompletableFuture<String> lost() {
    return subscriptions.lost();
  }

  /** The filters of our positions: as trader (offset 48), as maker (offset 80). */
  static List<List<AccountFilter>> ourPositions(final Ed25519PublicKey self) {
    final AccountFilter size = new AccountFilter.DataSize(EscrowAccounts.POSITION_SIZE);
    return List.of(List.of(size, new AccountFilter.Memcmp(EscrowAccounts.POSITION_OFF_TRADER, self.bytes())),
        List.of(size, new AccountFilter.Memcmp(EscrowAccounts.POSITION_OFF_MAKER, self.bytes())));
  }

  private List<CompletableFuture<Long>> subscribe(final SolanaPubsub p) {
    final byte[] program = chain.client().program().programId().toByteArray();
    final List<CompletableFuture<Long>> all = new ArrayList<>();
    for (final List<AccountFilter> filters : ourPositions(self)) {
      all.add(p.programSubscribe(program, filters, a -> thread.execute(() -> position(a))));
    }
    final byte[] margin = chain.client().program().margin(new PublicKey(self.bytes())).address().toByteArray();
    all.add(p.accountSubscribe(margin, data -> data.map(EscrowAccounts::margin).ifPresent(chain::marginSeen)));
    for (final int id : chain.markets().keySet()) {
      all.add(p.accountSubscribe(chain.client().program().market(id).address().toByteArray(),
          data -> data.map(EscrowAccounts::market).ifPresent(m -> thread.execute(() -> market(id, m)))));
    }
    return all;
  }

  private void market(final int id, final EscrowAccounts.Market m) {
    chain.marketSeen(id, m);
    prices.seen(id, m.price(), m.priceTimeMs());
  }

  private int reconcile() throws RpcError {
    final List<EscrowAccounts.Position> ours = new ArrayList<>();
    final byte[] program = chain.client().program().programId().toByteArray();
    for (final List<AccountFilter> filters : ourPositions(self)) {
      for (final KeyedAccount a : chain.rpc().programAccounts(program, filters)) {
        ours.add(EscrowAccounts.position(a.data()));
      }
    }
    final int closed = follower.reconcile(ours);
    for (final int id : chain.markets().keySet()) { // the price now, whatever changed while disconnected
      chain.client().market(id).ifPresent(m -> market(id, m));
    }
    chain.client().margin(new PublicKey(self.bytes())).ifPresent(chain::marginRead); // likewise our collateral
    LOG.info("following our positions at {}: {} on chain, {} found closed since last seen", wsUrl, ours.size(), closed);
    return closed;
  }

  private void position(final KeyedAccount a) {
    try {
      follower.changed(EscrowAccounts.position(a.data()));
    } catch (RuntimeException e) {
      LOG.warn("an account passed our position filters yet is not a position: {}", e.getMessage());
    }
  }

  @Override
  public void stop() {
    Subscriptions.closeOn(thread, subscriptions);
  }
}
