package io.perpnet.node.chain;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.AccountFilter;
import io.perpnet.escrow.rpc.KeyedAccount;
import io.perpnet.escrow.rpc.RpcError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Each market's open interest: the summed size (base units) of every open position on chain,
 * whoever holds it. Read with one {@code getProgramAccounts} at most every {@value #MAX_AGE_MS} ms,
 * so a dashboard polling it costs the RPC node little.
 */
public final class OpenInterest {
  static final long MAX_AGE_MS = 5_000;

  /** Every position account of the program, open or closed. */
  public interface Positions {
    List<EscrowAccounts.Position> all() throws RpcError;
  }

  private final Positions positions;
  private final LongSupplier clock;
  private Map<Integer, Long> last = Map.of();
  private long readAtMs;
  private boolean read;

  public OpenInterest(final Positions positions, final LongSupplier clock) {
    this.positions = positions;
    this.clock = clock;
  }

  /** Read from {@code chain}'s RPC node. */
  public static OpenInterest of(final ChainService chain, final LongSupplier clock) {
    return new OpenInterest(() -> {
      final List<EscrowAccounts.Position> all = new java.util.ArrayList<>();
      for (final KeyedAccount a : chain.rpc().programAccounts(chain.client().program().programId().toByteArray(),
          List.of(new AccountFilter.DataSize(EscrowAccounts.POSITION_SIZE)))) {
        all.add(EscrowAccounts.position(a.data()));
      }
      return all;
    }, clock);
  }

  /** Size by market id (a market with no open position is absent). */
  public synchronized Map<Integer, Long> bySize() throws RpcError {
    final long now = clock.getAsLong();
    if (!read || now - readAtMs >= MAX_AGE_MS) {
      final Map<Integer, Long> sums = new HashMap<>();
      for (final EscrowAccounts.Position p : positions.all()) {
        if (!p.closed()) {
          sums.merge(p.market(), p.size(), Math::addExact);
        }
      }
      last = Map.copyOf(sums);
      readAtMs = now;
      read = true;
    }
    return last;
  }
}
