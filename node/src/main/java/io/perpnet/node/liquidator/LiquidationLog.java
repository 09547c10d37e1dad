package io.perpnet.node.liquidator;

import io.perpnet.node.store.Column;
import io.perpnet.node.store.Event;
import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records each liquidation our liquidator landed: a {@code liquidation.won} event and the {@code liquidations} column. */
public final class LiquidationLog {
  private static final Logger LOG = LoggerFactory.getLogger(LiquidationLog.class);
  private final java.util.function.Supplier<Store> store;

  public LiquidationLog(final java.util.function.Supplier<Store> store) {
    this.store = store;
  }

  public void record(final LiquidatorService.Attempt a) {
    if (!a.outcome().equals("WON")) {
      return;
    }
    final LiquidationRecord r = LiquidationRecord.of(a, a.liquidation().traderDown(), a.liquidation().makerDown());
    try {
      store.get().append("liquidation.won", r.encode(), List.of(new Event.Change(Column.LIQUIDATIONS, r.matchId(),
          r.encode())), Store.Durability.BUFFERED);
    } catch (StoreException e) {
      LOG.warn("liquidation of {} not recorded: {}", io.perpnet.consensus.identity.Base58.encode(a.position()),
          e.getMessage());
    }
  }
}
