package io.perpnet.node.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.message.Header;
import io.perpnet.consensus.message.PriceAttestation;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.client.MarketConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttestationPoolTest {
  private static final long NOW = Fixtures.NOW;
  private static final OracleSet SET = new OracleSet(Arrays.stream(Fixtures.ORACLES).map(k -> k.publicKey()).toList(),
      2, 4);
  private final AttestationPool pool = new AttestationPool();

  /** The market on chain with each oracle's latest publish time (0: none). */
  private static EscrowAccounts.Market market(final long epoch, final long... slotTimes) {
    final List<EscrowAccounts.OracleSlot> slots = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      slots.add(new EscrowAccounts.OracleSlot(i < slotTimes.length ? 1 : 0, i < slotTimes.length ? slotTimes[i] : 0));
    }
    return new EscrowAccounts.Market(1, 255, false, MarketConfig.BTC_PERP, 0, 0, epoch, slots);
  }

  private static Signed<PriceAttestation> at(final int oracle, final long publishTimeMs) {
    return Fixtures.attestation(oracle, Fixtures.PRICE, publishTimeMs);
  }

  @Test
  void keepsEachOraclesNewest() {
    assertTrue(pool.add(at(0, NOW - 2_000)));
    assertTrue(pool.add(at(0, NOW - 1_000)));
    assertFalse(pool.add(at(0, NOW - 1_500)), "older than the one held");
    assertFalse(pool.add(at(0, NOW - 1_000)), "no newer");
    assertEquals(NOW - 1_000, pool.newest(Fixtures.BTC.id()).getFirst().payload().publishTimeMs());
  }

  @Test
  void postableAreTheOnesTheProgramWouldTakeInTheSetsOrder() {
    pool.add(at(2, NOW - 1_000));
    pool.add(at(0, NOW - 1_000));
    pool.add(at(1, NOW - 1_000));
    final int m = Fixtures.BTC.id();
    assertEquals(List.of(0, 1, 2), indices(pool.postable(m, SET, market(4), NOW)));
    assertEquals(List.of(0, 2), indices(pool.postable(m, SET, market(4, 0, NOW - 1_000), NOW)),
        "oracle 1's slot already holds that publish time: STALE_PRICE on chain");
    assertEquals(List.of(0, 1, 2), indices(pool.postable(m, SET, market(3, NOW, NOW, NOW), NOW)),
        "slots of another epoch were emptied by set_oracles");
    // the fixtures' attestations expire 60 s after their publish time
    assertEquals(3, pool.postable(m, SET, market(4), NOW - 1_000 + 60_000 - 2_001).size());
    assertEquals(List.of(), indices(pool.postable(m, SET, market(4), NOW - 1_000 + 60_000 - 2_000)),
        "too close to its expiry to land");
    assertEquals(List.of(), pool.postable(2, SET, market(4), NOW), "another market");
    final long staleness = MarketConfig.BTC_PERP.maxStalenessMs();
    final var key = Fixtures.ORACLES[0];
    pool.add(Signed.sign(new PriceAttestation(new Header(m, Fixtures.PROGRAM, NOW + 10 * staleness, 9), key.publicKey(),
        Fixtures.PRICE, NOW), key));
    assertEquals(List.of(0), indices(pool.postable(m, SET, market(4, 0, NOW, NOW), NOW + staleness - 2_000)));
    assertEquals(List.of(), indices(pool.postable(m, SET, market(4, 0, NOW, NOW), NOW + staleness - 1_999)),
        "too close to the staleness window to land");
  }

  private static List<Integer> indices(final List<Signed<PriceAttestation>> list) {
    return list.stream().map(a -> SET.indexOf(a.payload().oracle())).toList();
  }
}
