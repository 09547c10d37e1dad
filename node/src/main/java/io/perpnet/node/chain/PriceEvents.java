package io.perpnet.node.chain;

import io.perpnet.node.store.Store;
import io.perpnet.node.store.StoreException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each new oracle price of a followed market, as its account's subscription shows it, becomes a
 * {@code price.updated} event (the API's {@code price} channel): 20 bytes big-endian, {@code 0} u32
 * market, {@code 4} u64 price (6 decimals), {@code 12} u64 publish time (ms). A notification
 * that repeats the last price and time of its market is not recorded again.
 */
public final class PriceEvents {
  public static final int LENGTH = 20;
  private static final Logger LOG = LoggerFactory.getLogger(PriceEvents.class);
  private final Store store;
  private final Map<Integer, Long> lastTime = new ConcurrentHashMap<>();
  private final Map<Integer, Long> lastPrice = new ConcurrentHashMap<>();

  public PriceEvents(final Store store) {
    this.store = store;
  }

  /** A price update of one market, read back from its payload. */
  public record Update(int market, long price, long publishTimeMs) {
    public static Update decode(final byte[] v) {
      final ByteBuffer b = ByteBuffer.wrap(v);
      return new Update(b.getInt(), b.getLong(), b.getLong());
    }
  }

  public void seen(final int market, final long price, final long publishTimeMs) {
    if (price <= 0 || (Long.valueOf(publishTimeMs).equals(lastTime.get(market))
        && Long.valueOf(price).equals(lastPrice.get(market)))) {
      return;
    }
    lastTime.put(market, publishTimeMs);
    lastPrice.put(market, price);
    try {
      store.append("price.updated", ByteBuffer.allocate(LENGTH).putInt(market).putLong(price).putLong(publishTimeMs)
          .array(), List.of(), Store.Durability.BUFFERED);
    } catch (StoreException e) {
      LOG.warn("market {}: price not recorded: {}", market, e.getMessage());
    }
  }
}
