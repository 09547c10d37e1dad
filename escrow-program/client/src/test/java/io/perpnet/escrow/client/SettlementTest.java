package io.perpnet.escrow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementTest {
  private static final String CLOSE = "Program log: 0x434c4f5300000a03, 0xf9982de00, 0xb71b0, 0x7aae4, 0x0";
  private static final String MARGINS = "Program log: 0x4d52474e00000000, 0x5f5e100, 0x5f5e100, 0x4c7e7a8, 0x6acf874";

  @Test
  void readsBothLinesAmongTheOthers() {
    final Settlement s = Settlement.fromLogs(List.of("Program ABC invoke [1]", CLOSE, "Program log: hello", MARGINS,
        "Program ABC success")).orElseThrow();
    assertEquals(new Settlement(Settlement.How.AT_MARK, true, Settlement.FeePayer.TRADER, 67_000_000_000L, 750_000L, 502_500L, 0,
        100_000_000L, 100_000_000L, 80_209_832L, 111_999_092L), s);
    assertEquals(750_000L, s.pnlOf(true));
    assertEquals(-750_000L, s.pnlOf(false));
    assertEquals(502_500L, s.feeOf(true));
    assertEquals(0, s.feeOf(false));
  }

  @Test
  void aTransactionWithoutBothLinesIsNoSettlement() {
    assertTrue(Settlement.fromLogs(List.of(CLOSE)).isEmpty());
    assertTrue(Settlement.fromLogs(List.of(MARGINS)).isEmpty());
    assertTrue(Settlement.fromLogs(List.of()).isEmpty());
  }

  @Test
  void nonsenseLinesAreSkippedNotMisread() {
    assertTrue(Settlement.fromLogs(List.of("Program log: 0x434c4f5300000003, 0x1, 0x2, 0x3", MARGINS)).isEmpty());
    assertTrue(Settlement.fromLogs(List.of("Program log: 0x434c4f5300000003, 0x1, 0xZZ, 0x3, 0x4", MARGINS)).isEmpty());
    assertTrue(Settlement.fromLogs(List.of("Program log: 0x434c4f5300000003, 0x1, 0x10000000000000000, 0x3, 0x4",
        MARGINS)).isEmpty());
    assertThrows(IllegalArgumentException.class,
        () -> Settlement.fromLogs(List.of("Program log: 0x434c4f5300000a06, 0x1, 0x2, 0x3, 0x4", MARGINS)));
    assertThrows(IllegalArgumentException.class,
        () -> Settlement.fromLogs(List.of("Program log: 0x434c4f5300000902, 0x1, 0x2, 0x3, 0x4", MARGINS)));
  }
}
