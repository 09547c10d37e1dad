package io.perpnet.sdk.hyperliquid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.perpnet.sdk.hyperliquid.action.Rounding;
import io.perpnet.sdk.hyperliquid.action.Wire;
import io.perpnet.sdk.hyperliquid.signing.Msgpack;
import io.perpnet.sdk.hyperliquid.signing.NonceClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Decimal strings, tick and lot rounding, msgpack's encodings and the nonce counter. */
class WireAndNoncesTest {
  private static BigDecimal d(final String s) {
    return new BigDecimal(s);
  }

  @Test
  void wireDecimalsAreTheOfficialSdksAndNeverRounded() {
    assertEquals("1670.1", Wire.decimal(d("1670.10000")));
    assertEquals("0.0147", Wire.decimal(d("0.0147")));
    assertEquals("100", Wire.decimal(d("100.000")));
    assertEquals("100", Wire.decimal(d("1E+2")), "no exponent");
    assertEquals("0", Wire.decimal(d("0.000")));
    assertEquals("0.00000001", Wire.decimal(d("0.00000001")));
    assertThrows(IllegalArgumentException.class, () -> Wire.decimal(d("0.000000001")));
  }

  @Test
  void pricesAndSizesRoundToTheAssetsTicksAsTheCallerSays() {
    assertEquals(d("0.123"), Rounding.size(d("0.123456"), 3, RoundingMode.DOWN));
    assertEquals(d("0.124"), Rounding.size(d("0.123456"), 3, RoundingMode.UP));
    assertEquals(d("1234.6"), Rounding.price(d("1234.56"), 0, RoundingMode.HALF_EVEN), "5 significant figures");
    assertEquals(d("0.001234"), Rounding.price(d("0.0012345"), 0, RoundingMode.DOWN), "at most 6 decimals");
    assertEquals(d("0.0012"), Rounding.price(d("0.0012345"), 2, RoundingMode.DOWN), "at most 6 - szDecimals");
    assertEquals(d("123456"), Rounding.price(d("123456.7"), 0, RoundingMode.DOWN), "an integer is always allowed");
    assertTrue(Rounding.validPrice(d("1234.5"), 1));
    assertTrue(Rounding.validPrice(d("123456"), 5));
    assertFalse(Rounding.validPrice(d("1234.56"), 0));
    assertFalse(Rounding.validPrice(d("0.00012"), 4));
  }

  @Test
  void msgpackUsesTheSmallestIntegerAndStringEncodingsInKeyOrder() {
    final var o = JsonNodeFactory.instance.objectNode().put("b", 1).put("a", 100_000_000_000L).put("s", "x")
        .put("t", true);
    o.putNull("n");
    // map of 5; "b" fixint 1; "a" uint64; "s" fixstr; "t" true; "n" nil
    assertEquals("85" + "a162" + "01" + "a161" + "cf000000174876e800" + "a173" + "a178" + "a174" + "c3" + "a16e" + "c0",
        HexFormat.of().formatHex(Msgpack.pack(o)));
  }

  @Test
  void noncesNeverRepeatWithinAMillisecondOrWhenTheClockStepsBack() throws Exception {
    final AtomicLong now = new AtomicLong(1_000);
    final NonceClock nonces = new NonceClock(now::get);
    assertEquals(1_000, nonces.next());
    assertEquals(1_001, nonces.next(), "the same millisecond");
    now.set(5_000);
    assertEquals(5_000, nonces.next());
    now.set(4_990);
    assertEquals(5_001, nonces.next(), "the clock stepped back");

    final Set<Long> seen = ConcurrentHashMap.newKeySet();
    final var pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(() -> {
        for (int i = 0; i < 10_000; i++) {
          seen.add(nonces.next());
        }
      });
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(40_000, seen.size(), "concurrent orders never share a nonce");
  }
}
