package io.perpnet.escrow.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpnet.escrow.tx.ComputeBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComputeBudgetTest {
  @Test
  void limitAndPriceEncodeAsTheComputeBudgetProgramReadsThem() {
    final var ixs = new ComputeBudget(32_000, 5).instructions();
    assertEquals(2, ixs.size());
    assertEquals(ComputeBudget.PROGRAM, ixs.get(0).getProgramId());
    assertArrayEquals(new byte[] {2, 0x00, 0x7d, 0, 0}, ixs.get(0).getData(), "SetComputeUnitLimit(32000), u32 LE");
    assertArrayEquals(new byte[] {3, 5, 0, 0, 0, 0, 0, 0, 0}, ixs.get(1).getData(), "SetComputeUnitPrice(5), u64 LE");
    assertEquals(List.of(), ComputeBudget.NONE.instructions());
    assertEquals(1, new ComputeBudget(1_400_000, 0).instructions().size(), "no price, no price instruction");
  }
}
