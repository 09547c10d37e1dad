package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.EscrowWorld;
import io.perpnet.escrow.token.SplToken;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.escrow.rpc.RpcError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * An agent that signs its own transactions with someone else's accounts, fake accounts and a
 * worthless token of its own mint where the program expects the real ones: other agents' margin
 * accounts, a token account as the vault or the config, a market as a margin account, its own
 * margin in a position's, another market for a position, addresses at other bumps, itself as
 * admin or oracle. Each attack names the one error the program must answer; the property test
 * also checks that no balance moved.
 */
final class Adversary {
  /** One attack: what the program must answer (after a fresh-oracle check when {@code needsOracle}), and the transaction. */
  record Attack(String name, Expected expected, boolean needsOracle, Action action) {
    Attack(final String name, final Expected expected, final Action action) {
      this(name, expected, false, action);
    }
  }

  interface Action {
    void run() throws Exception;
  }

  private final EscrowClient client;
  private final EscrowInstructions ix;
  final Ed25519KeyPair key;
  final PublicKey wallet;
  final PublicKey worthless;
  private final int otherMarket;

  private Adversary(final EscrowWorld world, final Ed25519KeyPair key, final PublicKey wallet, final PublicKey worthless,
      final int otherMarket) {
    this.client = world.client;
    this.ix = world.client.instructions();
    this.key = key;
    this.wallet = wallet;
    this.worthless = worthless;
    this.otherMarket = otherMarket;
  }

  /** Onboards an adversary with real USDC, a margin account and a mint of its own; {@code otherMarket} exists. */
  static Adversary join(final EscrowWorld world, final int otherMarket) throws RpcError {
    final Ed25519KeyPair key = Ed25519KeyPair.generate();
    final PublicKey wallet = world.onboard(key, 1_000 * EscrowWorld.USDC, 100 * EscrowWorld.USDC);
    final SplToken own = new SplToken(world.client, world.validator.rpc, key);
    final PublicKey worthless = own.createAccount(own.createMint(), EscrowClient.key(key), 1_000_000 * EscrowWorld.USDC);
    return new Adversary(world, key, wallet, worthless, otherMarket);
  }

  private PublicKey self() {
    return EscrowClient.key(key);
  }

  private void send(final TransactionInstruction instruction) throws RpcError {
    client.send(List.of(instruction), key);
  }

  private static TransactionInstruction swap(final TransactionInstruction real, final int index, final AccountMeta meta) {
    final List<AccountMeta> keys = new ArrayList<>(real.getKeys());
    keys.set(index, meta);
    return new TransactionInstruction(real.getProgramId(), keys, real.getData());
  }

  /** An attack chosen at random against {@code victims} and the open {@code positions} (none of them the adversary's). */
  Attack next(final Random random, final List<Ed25519KeyPair> victims, final List<EscrowAccounts.Position> positions) {
    final Ed25519KeyPair victim = victims.get(random.nextInt(victims.size()));
    final PublicKey victimMargin = client.program().margin(EscrowClient.key(victim)).address();
    final EscrowAccounts.Position position = positions.isEmpty() ? null : positions.get(random.nextInt(positions.size()));
    final int pick = random.nextInt(position == null ? 9 : 12);
    return switch (pick) {
      case 0 -> new Attack("withdraw from another's margin", Expected.refused(EscrowError.NOT_OWNER),
          () -> send(swap(ix.withdraw(self(), wallet, 1), 1, EscrowInstructions.writable(victimMargin))));
      case 1 -> new Attack("withdraw through a fake vault", Expected.refused(EscrowError.WRONG_VAULT),
          () -> send(swap(ix.withdraw(self(), worthless, 1), 3, EscrowInstructions.writable(wallet))));
      case 2 -> new Attack("deposit a worthless token", Expected.refusedByTokenProgram(),
          () -> send(ix.deposit(self(), worthless, 1 + random.nextLong(1_000 * EscrowWorld.USDC))));
      case 3 -> new Attack("a token account as the config", Expected.refused(EscrowError.WRONG_ACCOUNT_OWNER),
          () -> send(swap(ix.withdraw(self(), wallet, 1), 2, EscrowInstructions.readonly(wallet))));
      case 4 -> new Attack("a market as a margin account", Expected.refused(EscrowError.WRONG_ACCOUNT_TYPE),
          () -> send(swap(ix.withdraw(self(), wallet, 1), 1, EscrowInstructions.writable(client.program().market(1).address()))));
      case 5 -> new Attack("create a market as admin", Expected.refused(EscrowError.NOT_ADMIN),
          () -> send(ix.createMarket(self(), MarketConfig.defaults(9, "EVIL-PERP", 8, 50))));
      case 6 -> new Attack("make itself the oracle set", Expected.refused(EscrowError.NOT_ADMIN),
          () -> send(ix.setOracles(self(), 1, List.of(self()))));
      case 7 -> new Attack("a second margin account at another bump", Expected.refused(EscrowError.INVALID_PDA),
          () -> send(secondMargin()));
      case 8 -> new Attack("take over the deployment", Expected.refused(EscrowError.NOT_UPGRADE_AUTHORITY),
          () -> send(ix.initialize(self(), worthless)));
      case 9 -> new Attack("close another's position at mark", Expected.refused(EscrowError.NOT_A_PARTY), true,
          () -> send(ix.closeAtMark(position.market(), client.program().position(position), position.trader(), position.maker(), self())));
      case 10 -> new Attack("its own margin in a position's place", Expected.refused(EscrowError.WRONG_POSITION),
          () -> send(swap(ix.liquidate(position.market(), client.program().position(position), position.trader(), position.maker(), self()), 2,
              EscrowInstructions.writable(client.program().margin(self()).address()))));
      default -> new Attack("another market for a position", Expected.refused(EscrowError.WRONG_POSITION),
          () -> send(swap(ix.settleFunding(position.market(), client.program().position(position), position.trader(), position.maker()), 1,
              EscrowInstructions.readonly(client.program().market(otherMarket).address()))));
    };
  }

  private TransactionInstruction secondMargin() {
    final OtherBump other = OtherBump.below(List.of("margin".getBytes(StandardCharsets.US_ASCII), self().toByteArray()),
        client.program().margin(self()).bump(), client.program().programId());
    return swap(new TransactionInstruction(client.program().programId(), ix.createMargin(self()).getKeys(),
        new byte[] {EscrowInstructions.CREATE_MARGIN, (byte) other.bump()}), 1, EscrowInstructions.writable(other.address()));
  }
}
