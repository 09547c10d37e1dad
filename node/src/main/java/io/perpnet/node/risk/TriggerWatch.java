package io.perpnet.node.risk;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.consensus.message.Side;
import io.perpnet.node.chain.OpenPosition;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the oracle prices of the positions that have a stop-loss or take-profit; when one is
 * crossed it closes the position at mark (one close at a time per position; a failed one is tried
 * again on the next run) and, once closed, records {@code trigger.fired}. Triggers of a position no
 * longer open are dropped. Run it periodically ({@link RiskService} does).
 */
public final class TriggerWatch implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerWatch.class);

  /** What the watch needs of the node. */
  public interface Positions {
    List<OpenPosition> open() throws Exception;

    CompletableFuture<?> closeAtMark(OpenPosition p);
  }

  private final Triggers triggers;
  private final Positions positions;
  private final IntFunction<OptionalLong> prices;
  private final Map<Bytes32, CompletableFuture<?>> closing = new HashMap<>();

  public TriggerWatch(final Triggers triggers, final Positions positions, final IntFunction<OptionalLong> prices) {
    this.triggers = triggers;
    this.positions = positions;
    this.prices = prices;
  }

  @Override
  public void run() {
    try {
      final List<Triggers.Trigger> all = triggers.all();
      if (all.isEmpty()) {
        return;
      }
      final Map<Bytes32, OpenPosition> open = new HashMap<>();
      positions.open().forEach(p -> open.put(p.matchId(), p));
      closing.values().removeIf(CompletableFuture::isDone);
      for (final Triggers.Trigger t : all) {
        final OpenPosition p = open.get(t.matchId());
        if (p == null) {
          if (!closing.containsKey(t.matchId())) {
            triggers.clear(t.matchId(), "trigger.cleared", bytes(t.matchId().toHex() + " position no longer open"));
          }
          continue;
        }
        final OptionalLong price = prices.apply(p.market());
        if (price.isEmpty() || closing.containsKey(p.matchId())
            || !Triggers.crossed(t, p.side() == Side.LONG, price.getAsLong())) {
          continue;
        }
        LOG.info("match {}: {} at {} crossed (oracle {}); closing at mark", p.matchId().toHex(), t.kind().label(),
            t.price(), price.getAsLong());
        final byte[] why = bytes(p.matchId().toHex() + " " + t.kind().label() + " " + t.price() + " at oracle "
            + price.getAsLong());
        closing.put(p.matchId(), positions.closeAtMark(p).whenComplete((v, e) -> {
          if (e != null) { // kept: the next run tries again
            LOG.warn("match {}: the {} close failed, retrying: {}", p.matchId().toHex(), t.kind().label(),
                e.toString());
            return;
          }
          try {
            triggers.clear(p.matchId(), "trigger.fired", why);
          } catch (Exception x) {
            LOG.warn("match {}: closed, its triggers not cleared yet: {}", p.matchId().toHex(), x.toString());
          }
        }));
      }
    } catch (Exception e) {
      LOG.warn("stop-loss and take-profit check failed, next time again: {}", e.toString());
    }
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
