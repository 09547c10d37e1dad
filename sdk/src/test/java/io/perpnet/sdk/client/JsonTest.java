package io.perpnet.sdk.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.perpnet.sdk.model.Exposure;
import io.perpnet.sdk.model.IntentRequest;
import io.perpnet.sdk.model.Position;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void amountsAreWrittenAsPlainDecimalStringsAndUnsetFieldsAreLeftOut() throws Exception {
    final IntentRequest r = IntentRequest.buy("BTC-PERP").size(new BigDecimal("1E-8")).leverage(5).build();
    assertEquals("{\"market\":\"BTC-PERP\",\"side\":\"long\",\"size\":\"0.00000001\",\"leverage\":5}",
        Json.MAPPER.writeValueAsString(r));
  }

  @Test
  void answersReadExactlyAndFieldsANewerNodeAddsAreIgnored() throws Exception {
    final Position p = Json.MAPPER.readValue("{\"id\":\"ab\",\"market\":\"BTC-PERP\",\"side\":\"short\","
        + "\"size\":\"0.015\",\"entryPrice\":\"101234.5\",\"margin\":\"151.85175\",\"openedMs\":5,"
        + "\"somethingNew\":{\"x\":1}}", Position.class);
    assertEquals(new BigDecimal("0.015"), p.size());
    assertEquals(new BigDecimal("101234.5"), p.entryPrice());
    assertEquals(false, p.isLong());
    final Exposure e = Json.MAPPER.readValue("{\"market\":\"ETH-PERP\",\"long\":\"10\",\"short\":\"2.5\",\"net\":\"7.5\"}",
        Exposure.class);
    assertEquals(new BigDecimal("2.5"), e.short_());
  }

  @Test
  void anIntentNeedsASizeOrANotionalButNotBoth() {
    assertThrows(IllegalArgumentException.class, () -> IntentRequest.buy("BTC-PERP").build());
    assertThrows(IllegalArgumentException.class, () -> IntentRequest.buy("BTC-PERP").size("1").notional("5").build());
    assertEquals(new BigDecimal("5"), IntentRequest.sell("BTC-PERP").notional("5").build().notionalUsdc());
  }
}
