package io.perpnet.escrow.client;

import io.perpnet.escrow.testing.LocalValidator;
import io.perpnet.escrow.token.SplToken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.message.MatchTerms;
import io.perpnet.consensus.message.Signed;
import io.perpnet.consensus.testing.Fixtures;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.escrow.tx.Ed25519Precompile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/** The Java client against the escrow deployed in a real local validator, over JSON-RPC. */
class EscrowClientTest {
  private static final long USDC = 1_000_000L;
  private static LocalValidator validator;
  private static EscrowClient client;
  private static SplToken token;
  private static PublicKey mint;
  private static Ed25519KeyPair admin;

  @BeforeAll
  static void deployAndInitialize() throws Exception {
    admin = Ed25519KeyPair.generate();
    validator = LocalValidator.start(LocalValidator.PROGRAM_ID, admin);
    client = new EscrowClient(validator.rpc, new EscrowProgram(new PublicKey(LocalValidator.PROGRAM_ID)));
    fund(admin);
    token = new SplToken(client, validator.rpc, admin);
    mint = token.createMint();
    client.initialize(admin, mint);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (validator != null) {
      validator.close();
    }
  }

  private static Ed25519KeyPair funded() throws RpcError {
    return fund(Ed25519KeyPair.generate());
  }

  private static Ed25519KeyPair fund(final Ed25519KeyPair k) throws RpcError {
    final String sig = validator.rpc.requestAirdrop(k.publicKey().bytes(), 10_000_000_000L);
    validator.rpc.awaitConfirmation(sig, Duration.ofSeconds(30));
    return k;
  }

  @Test
  void initializeWroteTheConfigAndTheVaultBelongsToIt() throws RpcError {
    final EscrowAccounts.Config config = client.config().orElseThrow();
    assertEquals(EscrowClient.key(admin), config.admin());
    assertEquals(mint, config.mint());
    assertEquals(client.program().vault().address(), config.vault());
    assertEquals(0, token.balance(config.vault()));
    // a stranger cannot initialize, and the upgrade authority cannot do it twice
    expect(EscrowError.NOT_UPGRADE_AUTHORITY, () -> client.initialize(funded(), mint));
    expect(EscrowError.ACCOUNT_EXISTS, () -> client.initialize(admin, mint));
  }

  @Test
  void depositAndWithdrawMoveUsdcAndFreeCollateral() throws RpcError {
    final Ed25519KeyPair agent = funded();
    final PublicKey wallet = token.createAccount(mint, EscrowClient.key(agent), 1_000 * USDC);
    client.createMargin(agent);
    final long vaultBefore = token.balance(client.program().vault().address());
    client.deposit(agent, wallet, 250 * USDC);
    client.withdraw(agent, wallet, 50 * USDC);
    final EscrowAccounts.Margin margin = client.margin(EscrowClient.key(agent)).orElseThrow();
    assertEquals(200 * USDC, margin.free());
    assertEquals(250 * USDC, margin.deposited());
    assertEquals(EscrowClient.key(agent), margin.owner());
    assertEquals(800 * USDC, token.balance(wallet));
    assertEquals(vaultBefore + 200 * USDC, token.balance(client.program().vault().address()));
  }

  @Test
  void attacksAreRefusedWithTheirOwnCodesAndMoveNothing() throws RpcError {
    final Ed25519KeyPair victim = funded();
    final PublicKey victimWallet = token.createAccount(mint, EscrowClient.key(victim), 100 * USDC);
    client.createMargin(victim);
    client.deposit(victim, victimWallet, 100 * USDC);
    final Ed25519KeyPair thief = funded();
    final PublicKey thiefWallet = token.createAccount(mint, EscrowClient.key(thief), 0);
    client.createMargin(thief);
    final PublicKey vault = client.program().vault().address();
    final long vaultBefore = token.balance(vault);
    final EscrowInstructions ix = client.instructions();
    final PublicKey victimMargin = client.program().margin(EscrowClient.key(victim)).address();

    expect(EscrowError.INSUFFICIENT_FREE, () -> client.withdraw(victim, victimWallet, 100 * USDC + 1));
    expect(EscrowError.ZERO_AMOUNT, () -> client.deposit(victim, victimWallet, 0));
    expect(EscrowError.DUPLICATE_ACCOUNT, () -> client.withdraw(victim, vault, 1));
    // the thief signs, but names the victim's margin account
    expect(EscrowError.NOT_OWNER, () -> client.send(List.of(ix.raw(EscrowInstructions.amountData(3, USDC),
        EscrowInstructions.signer(EscrowClient.key(thief)), EscrowInstructions.writable(victimMargin),
        EscrowInstructions.readonly(client.program().config().address()), EscrowInstructions.writable(vault),
        EscrowInstructions.writable(thiefWallet), EscrowInstructions.readonly(EscrowProgram.TOKEN_PROGRAM))), thief));
    // the victim is named as owner but does not sign
    expect(EscrowError.MISSING_SIGNATURE, () -> client.send(List.of(ix.raw(EscrowInstructions.amountData(3, USDC),
        EscrowInstructions.readonly(EscrowClient.key(victim)), EscrowInstructions.writable(victimMargin),
        EscrowInstructions.readonly(client.program().config().address()), EscrowInstructions.writable(vault),
        EscrowInstructions.writable(thiefWallet), EscrowInstructions.readonly(EscrowProgram.TOKEN_PROGRAM))), thief));
    expect(EscrowError.NOT_ENOUGH_ACCOUNTS, () -> client.send(List.of(ix.raw(EscrowInstructions.amountData(3, 1),
        EscrowInstructions.signer(EscrowClient.key(victim)))), victim));
    expect(EscrowError.INVALID_INSTRUCTION, () -> client.send(List.of(ix.raw(new byte[] {3, 1, 2})), victim));
    expect(EscrowError.WRONG_ACCOUNT_OWNER, () -> client.send(List.of(ix.raw(EscrowInstructions.amountData(3, 1),
        EscrowInstructions.signer(EscrowClient.key(victim)), EscrowInstructions.writable(EscrowClient.key(victim)),
        EscrowInstructions.readonly(client.program().config().address()), EscrowInstructions.writable(vault),
        EscrowInstructions.writable(victimWallet), EscrowInstructions.readonly(EscrowProgram.TOKEN_PROGRAM))), victim));

    // a fake vault: another USDC account in the vault's place
    expect(EscrowError.WRONG_VAULT, () -> client.send(List.of(ix.raw(EscrowInstructions.amountData(3, USDC),
        EscrowInstructions.signer(EscrowClient.key(victim)), EscrowInstructions.writable(victimMargin),
        EscrowInstructions.readonly(client.program().config().address()), EscrowInstructions.writable(thiefWallet),
        EscrowInstructions.writable(victimWallet), EscrowInstructions.readonly(EscrowProgram.TOKEN_PROGRAM))), victim));
    // overflow: free collateral + (2^64 - 1) is refused before any token moves
    expect(EscrowError.OVERFLOW, () -> client.deposit(victim, victimWallet, -1L));
    // a stranger's initialize; the authority's with a fake mint (a token account) or a config address that is not the PDA
    expect(EscrowError.NOT_UPGRADE_AUTHORITY, () -> client.send(List.of(reinitialize(thief, mint, null)), thief));
    expect(EscrowError.WRONG_MINT, () -> client.send(List.of(reinitialize(admin, victimWallet, null)), admin));
    expect(EscrowError.INVALID_PDA, () -> client.send(List.of(reinitialize(admin, mint, EscrowClient.key(thief))), admin));

    assertEquals(100 * USDC, client.margin(EscrowClient.key(victim)).orElseThrow().free());
    assertEquals(0, client.margin(EscrowClient.key(thief)).orElseThrow().free());
    assertEquals(vaultBefore, token.balance(vault));
    assertEquals(0, token.balance(thiefWallet));
  }

  @Test
  void theEd25519PrecompileAcceptsConsensusSignaturesAndRefusesAForgery() throws RpcError {
    final Signed<MatchTerms> match = Fixtures.flow().match();
    final Ed25519KeyPair payer = funded();
    final TransactionInstruction trader = Ed25519Precompile.verify(Fixtures.TRADER.publicKey(), match.signature(0), match.bytes());
    final TransactionInstruction maker = Ed25519Precompile.verify(Fixtures.MAKER.publicKey(), match.signature(1), match.bytes());
    client.send(List.of(trader, maker), payer);
    final byte[] forged = match.signature(1);
    forged[0] ^= 1;
    final RpcError e = assertThrows(RpcError.class, () -> client.send(
        List.of(Ed25519Precompile.verify(Fixtures.MAKER.publicKey(), forged, match.bytes())), payer));
    assertTrue(e.code() != 0, e.getMessage());
  }

  /** initialize with a chosen mint and, optionally, a config address that is not the PDA. */
  private static TransactionInstruction reinitialize(final Ed25519KeyPair payer, final PublicKey mintAccount,
      final PublicKey config) {
    final TransactionInstruction real = client.instructions().initialize(EscrowClient.key(payer), mintAccount);
    if (config == null) {
      return real;
    }
    final List<org.p2p.solanaj.core.AccountMeta> keys = new java.util.ArrayList<>(real.getKeys());
    keys.set(1, EscrowInstructions.writable(config));
    return new TransactionInstruction(real.getProgramId(), keys, real.getData());
  }

  private static void expect(final EscrowError expected, final Executable call) {
    final RpcError e = assertThrows(RpcError.class, call);
    assertEquals(expected, EscrowError.of(e.customError()), e.getMessage());
    assertEquals(-32002, e.code(), "refused at preflight, with its logs");
    assertTrue(!e.logs().isEmpty());
    assertTrue(e.refusedByChain(), "the cluster ran it and said no");
    assertEquals(64, io.perpnet.consensus.identity.Base58.decode(e.signature().orElseThrow()).length,
        "the refused transaction's signature is named");
  }
}
