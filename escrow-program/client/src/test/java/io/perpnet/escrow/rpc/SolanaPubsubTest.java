package io.perpnet.escrow.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.testing.EscrowWorld;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;

/** Program and account subscriptions and getProgramAccounts filters against the devnet validator. */
class SolanaPubsubTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void notifiesChangesThatPassTheFiltersAndTellsWhenTheConnectionEnds() throws Exception {
    final EscrowWorld world = EscrowWorld.start();
    final CompletableFuture<String> ended = new CompletableFuture<>();
    try {
      final Ed25519KeyPair agent = Ed25519KeyPair.generate();
      final Ed25519KeyPair other = Ed25519KeyPair.generate();
      final PublicKey wallet = world.onboard(agent, 100 * EscrowWorld.USDC, 10 * EscrowWorld.USDC);
      final PublicKey otherWallet = world.onboard(other, 100 * EscrowWorld.USDC, 0);
      final List<AccountFilter> mine = List.of(new AccountFilter.DataSize(EscrowAccounts.MARGIN_SIZE),
          new AccountFilter.Memcmp(16, agent.publicKey().bytes()));
      final byte[] program = world.programId.bytes();

      final List<KeyedAccount> found = world.validator.rpc.programAccounts(program, mine);
      assertEquals(1, found.size(), "only the agent's margin account passes the filters");
      assertEquals(10 * EscrowWorld.USDC, EscrowAccounts.margin(found.get(0).data()).free());

      final SolanaPubsub pubsub = SolanaPubsub.connect(URI.create(world.validator.wsUrl), WAIT, ended::complete)
          .get(30, TimeUnit.SECONDS);
      final LinkedBlockingQueue<KeyedAccount> changes = new LinkedBlockingQueue<>();
      final LinkedBlockingQueue<Optional<byte[]>> account = new LinkedBlockingQueue<>();
      pubsub.programSubscribe(program, mine, changes::add).get(30, TimeUnit.SECONDS);
      pubsub.accountSubscribe(found.get(0).address(), account::add).get(30, TimeUnit.SECONDS);

      world.client.deposit(other, otherWallet, 5 * EscrowWorld.USDC); // filtered out
      world.client.deposit(agent, wallet, 7 * EscrowWorld.USDC);
      final KeyedAccount changed = changes.poll(30, TimeUnit.SECONDS);
      assertArrayEquals(found.get(0).address(), changed.address());
      assertEquals(17 * EscrowWorld.USDC, EscrowAccounts.margin(changed.data()).free(),
          "the first notification is the agent's deposit, not the other's");
      assertEquals(17 * EscrowWorld.USDC, EscrowAccounts.margin(account.poll(30, TimeUnit.SECONDS).orElseThrow()).free());
      assertTrue(changes.isEmpty());
    } finally {
      world.close();
    }
    assertFalse(ended.get(30, TimeUnit.SECONDS).isEmpty(), "the owner is told, with a reason, when the server goes away");
  }
}
