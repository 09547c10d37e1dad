package io.perpnet.consensus.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.perpnet.consensus.fixed.FixedPoint.Rounding;
import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.consensus.validation.Rejection;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FixedPointTest {

  @Test
  void productsBeyond64BitsUseA128BitIntermediate() throws RejectedException {
    // 1 BTC (10^8 base units) at 100,000 USDC (10^11 price units): 10^19 overflows a long before the division
    assertEquals(100_000_000_000L, FixedPoint.notional(100_000_000L, 100_000_000_000L, 8));
  }

  @Test
  void resultsBeyond63BitsAreAnOverflowRejection() {
    final RejectedException e = assertThrows(RejectedException.class,
        () -> FixedPoint.mulDiv(Long.MAX_VALUE, 3, 2, Rounding.DOWN));
    assertEquals(Rejection.ARITHMETIC_OVERFLOW, e.reason());
  }

  @Test
  void feesAndMarginsRoundUp() throws RejectedException {
    assertEquals(1, FixedPoint.fee(1, 5)); // 5 bps of 1 base unit is 0.0005: charged as 1
    assertEquals(5, FixedPoint.fee(10_000, 5));
    assertEquals(34, FixedPoint.margin(100, 3));
  }

  @Property
  void mulDivMatchesExactArithmetic(
      @ForAll @LongRange(min = 0) final long a, @ForAll @LongRange(min = 0) final long b,
      @ForAll @LongRange(min = 1) final long d) {
    final BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
    for (final Rounding r : Rounding.values()) {
      final BigInteger expected = new java.math.BigDecimal(exact)
          .divide(new java.math.BigDecimal(d), 0, r == Rounding.UP ? RoundingMode.CEILING : RoundingMode.FLOOR)
          .toBigIntegerExact();
      if (expected.bitLength() > 63) {
        final RejectedException e = assertThrows(RejectedException.class, () -> FixedPoint.mulDiv(a, b, d, r));
        assertEquals(Rejection.ARITHMETIC_OVERFLOW, e.reason());
      } else {
        try {
          assertEquals(expected.longValueExact(), FixedPoint.mulDiv(a, b, d, r));
        } catch (RejectedException e) {
          throw new AssertionError("in range but refused: " + e.getMessage(), e);
        }
      }
    }
  }
}
