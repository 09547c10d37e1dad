package io.perpnet.node.roles;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.SolanaPubsub;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Every change of one account, as the validator pushes them: a test waits for a specific one. */
final class AccountUpdates<T> implements AutoCloseable {
  private final SolanaPubsub pubsub;
  private final BlockingQueue<T> updates = new LinkedBlockingQueue<>();

  private AccountUpdates(final SolanaPubsub pubsub) {
    this.pubsub = pubsub;
  }

  static AccountUpdates<EscrowAccounts.Market> market(final String wsUrl, final byte[] address) throws Exception {
    return of(wsUrl, address, EscrowAccounts::market);
  }

  static AccountUpdates<EscrowAccounts.Position> position(final String wsUrl, final byte[] address) throws Exception {
    return of(wsUrl, address, EscrowAccounts::position);
  }

  private static <T> AccountUpdates<T> of(final String wsUrl, final byte[] address,
      final java.util.function.Function<byte[], T> decode) throws Exception {
    final AccountUpdates<T> u = new AccountUpdates<>(
        SolanaPubsub.connect(URI.create(wsUrl), Duration.ofSeconds(10), reason -> {}).get(10, TimeUnit.SECONDS));
    u.pubsub.accountSubscribe(address, data -> data.map(decode).ifPresent(u.updates::add)).get(10, TimeUnit.SECONDS);
    return u;
  }

  /** The next change that {@code wanted} accepts (earlier ones are dropped). */
  T next(final Predicate<T> wanted, final Duration timeout) throws InterruptedException, TimeoutException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      final T u = updates.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (u == null) {
        throw new TimeoutException("no wanted update within " + timeout);
      }
      if (wanted.test(u)) {
        return u;
      }
    }
  }

  @Override
  public void close() {
    pubsub.close();
  }
}
