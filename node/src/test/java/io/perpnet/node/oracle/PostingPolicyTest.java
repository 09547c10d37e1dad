package io.perpnet.node.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostingPolicyTest {
  private static final long INTERVAL = 2_000;
  private static final long BACKUP = 1_000;

  @Test
  void dueWithoutAPriceWhenItIsOneIntervalOldOrOnALargeMove() {
    final PostingPolicy p = new PostingPolicy(INTERVAL, 20, BACKUP);
    assertTrue(p.due(10_000, 0, 0, 70_000));
    assertFalse(p.due(10_000, 70_000, 8_001, 70_000));
    assertTrue(p.due(10_000, 70_000, 8_000, 70_000));
    assertFalse(p.due(10_000, 70_000, 9_000, 70_140), "0.2% is not more than 20 bps");
    assertTrue(p.due(10_000, 70_000, 9_000, 70_141));
    assertTrue(p.due(10_000, 70_000, 9_000, 69_859));
  }

  @Test
  void theOraclesTakeTurnsByThePriceTimeOnChainAndBackEachOtherUp() {
    assertEquals(0, new PostingPolicy(INTERVAL, 20, BACKUP).rank(4_000, 2, 3), "round 2: oracle 2 first");
    assertEquals(1, new PostingPolicy(INTERVAL, 20, BACKUP).rank(4_000, 0, 3));
    assertEquals(2, new PostingPolicy(INTERVAL, 20, BACKUP).rank(4_000, 1, 3));
    assertEquals(3, new PostingPolicy(INTERVAL, 20, BACKUP).rank(4_000, -1, 3), "a keeper after every oracle");
    final PostingPolicy second = new PostingPolicy(INTERVAL, 20, BACKUP);
    assertFalse(second.shouldPost(1, 10_000, 70_000, 4_000, 70_000, 0, 3), "due, but oracle 2's turn");
    assertFalse(second.shouldPost(1, 10_999, 70_000, 4_000, 70_000, 0, 3));
    assertTrue(second.shouldPost(1, 11_000, 70_000, 4_000, 70_000, 0, 3), "one backup delay after it became due");
    second.posted(1);
    assertFalse(second.shouldPost(1, 11_100, 70_000, 4_000, 70_000, 0, 3), "after a post the wait starts over");
    assertFalse(second.shouldPost(1, 11_200, 70_000, 10_500, 70_000, 0, 3), "not due: the clock of due starts over");
    final PostingPolicy first = new PostingPolicy(INTERVAL, 20, BACKUP);
    assertTrue(first.shouldPost(1, 10_000, 70_000, 4_000, 70_000, 2, 3), "the designated oracle posts at once");
    assertFalse(first.shouldPost(2, 10_000, 70_000, 9_500, 70_000, 2, 3), "another market, not due");
  }
}
