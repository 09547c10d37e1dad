package io.perpnet.node.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpnet.escrow.client.EscrowAccounts;
import io.perpnet.escrow.rpc.AccountFilter;
import io.perpnet.escrow.rpc.KeyedAccount;
import io.perpnet.escrow.testing.EscrowWorld;

/** Money on chain adds up: the vault holds every margin's free and locked collateral, the insurance fund and the fees. */
final class Conservation {
  private Conservation() {}

  static void check(final EscrowWorld world) throws Exception {
    long margins = 0;
    for (final KeyedAccount a : world.validator.rpc.programAccounts(world.client.program().programId().toByteArray(),
        java.util.List.of(new AccountFilter.DataSize(EscrowAccounts.MARGIN_SIZE)))) {
      final EscrowAccounts.Margin m = EscrowAccounts.margin(a.data());
      margins = Math.addExact(margins, Math.addExact(m.free(), m.locked()));
    }
    final EscrowAccounts.Config c = world.client.config().orElseThrow();
    assertEquals(world.token.balance(world.vault), margins + c.insuranceFund() + c.feeTreasury(),
        "vault = margins + insurance fund + fee treasury");
  }
}
