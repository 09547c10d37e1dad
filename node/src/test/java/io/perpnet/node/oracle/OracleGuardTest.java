package io.perpnet.node.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.perpnet.node.oracle.feed.SourcePrice;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OracleGuardTest {
  private static final long NOW = 1_000_000;
  private final OracleGuard guard = new OracleGuard(Set.of("BTC-PERP"), 5_000, 1_000);

  private OracleGuard.Refusal refusal(final String symbol, final long price, final long observedMs) {
    return ((OracleGuard.Decision.Refuse) guard.check(symbol, new SourcePrice(price, observedMs), NOW)).reason();
  }

  private void signs(final long price, final long observedMs) {
    assertEquals(new OracleGuard.Decision.Sign(price, observedMs),
        guard.check("BTC-PERP", new SourcePrice(price, observedMs), NOW));
  }

  @Test
  void aMarketNotFollowedAStaleReadingAndOneFromTheFutureAreNotSigned() {
    assertEquals(OracleGuard.Refusal.NOT_FOLLOWED, refusal("ETH-PERP", 3_000, NOW));
    assertEquals(OracleGuard.Refusal.STALE_SOURCE, refusal("BTC-PERP", 70_000, NOW - 5_001));
    assertEquals(OracleGuard.Refusal.FUTURE_SOURCE, refusal("BTC-PERP", 70_000, NOW + 5_001));
    signs(70_000, NOW - 5_000);
  }

  @Test
  void aJumpIsSignedOnlyWhenALaterReadingConfirmsIt() {
    signs(70_000, NOW - 3_000);
    signs(76_999, NOW - 2_900); // 9.99%: within the jump limit
    assertEquals(OracleGuard.Refusal.JUMP_UNCONFIRMED, refusal("BTC-PERP", 100_000, NOW - 2_000), "a 30% tick");
    assertEquals(OracleGuard.Refusal.JUMP_UNCONFIRMED, refusal("BTC-PERP", 100_000, NOW - 2_000),
        "the same reading again is not a second reading");
    signs(101_000, NOW - 1_000); // a later reading within 10% of the first: the move is real
    signs(101_500, NOW - 500);
  }

  @Test
  void aBadTickThatRevertsIsNeverSigned() {
    signs(70_000, NOW - 3_000);
    assertEquals(OracleGuard.Refusal.JUMP_UNCONFIRMED, refusal("BTC-PERP", 7_000_000, NOW - 2_000), "a fat finger");
    signs(70_100, NOW - 1_000); // back to normal: signed, the bad tick forgotten
    assertEquals(OracleGuard.Refusal.JUMP_UNCONFIRMED, refusal("BTC-PERP", 7_000_000, NOW - 500));
    assertInstanceOf(OracleGuard.Decision.Refuse.class,
        guard.check("BTC-PERP", new SourcePrice(20_000, NOW - 400), NOW), "another wild reading does not confirm it");
  }
}
