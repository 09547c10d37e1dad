package io.perpnet.p2p.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bans last their time on a fake clock, a longer ban is never shortened, and the table is bounded. */
class ConnectionGaterTest {
  private long now = 1_000_000;
  private final ConnectionGater gater = new ConnectionGater(() -> now);

  private static PeerId peer() {
    return PeerId.of(Ed25519KeyPair.generate().publicKey());
  }

  @Test
  void aBanLastsItsTimeAndIsThenForgotten() {
    final PeerId p = peer();
    gater.ban(p, Duration.ofMinutes(5));
    assertTrue(gater.refuses(p));
    gater.ban(p, Duration.ofSeconds(1)); // a shorter ban does not shorten the first
    now += Duration.ofMinutes(5).toMillis() - 1;
    assertTrue(gater.refuses(p));
    now += 1;
    assertFalse(gater.refuses(p));
    assertEquals(0, gater.banned());
    assertFalse(gater.refuses(peer()));
  }

  @Test
  void theTableIsBoundedAndExpiredBansMakeRoom() {
    for (int i = 0; i < ConnectionGater.MAX_BANNED; i++) {
      gater.ban(peer(), Duration.ofSeconds(10));
    }
    final PeerId late = peer();
    gater.ban(late, Duration.ofSeconds(10));
    assertFalse(gater.refuses(late), "a full table records no new ban");
    now += 10_000;
    gater.ban(late, Duration.ofSeconds(10));
    assertTrue(gater.refuses(late), "expired bans made room");
    assertEquals(1, gater.banned());
  }
}
