// The escrow program (escrow-program/target/deploy/escrow.so) deployed through the upgradeable
// loader and driven over JSON-RPC: initialize, margin accounts, deposit and withdraw, every attack
// refused with its own error code and no balance changed, and compute units written to
// escrow-program/target/cu-report.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  generateKeyPairSigner, pipe, createTransactionMessage, setTransactionMessageFeePayerSigner, lamports, airdropFactory,
  setTransactionMessageLifetimeUsingBlockhash, appendTransactionMessageInstructions, signTransactionMessageWithSigners,
  getBase64EncodedWireTransaction, getSignatureFromTransaction, address, getProgramDerivedAddress, AccountRole,
  getAddressEncoder, getBase64Encoder,
} from '@solana/kit';
import { getCreateAccountInstruction, getTransferSolInstruction } from '@solana-program/system';
import {
  TOKEN_PROGRAM_ADDRESS, getInitializeMintInstruction, getInitializeAccount3Instruction, getMintToInstruction,
} from '@solana-program/token';
import { startValidator, rawCall, awaitSlot } from './support/harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ESCROW_SO = join(ROOT, 'escrow-program', 'target', 'deploy', 'escrow.so');
const CU_REPORT = join(ROOT, 'escrow-program', 'target', 'cu-report.json');
const PROGRAM = address('PerpEscrow111111111111111111111111111111111');
const SYSTEM = address('11111111111111111111111111111111');
const ERR = { INVALID_INSTRUCTION: 1, NOT_ENOUGH_ACCOUNTS: 2, MISSING_SIGNATURE: 3, WRONG_ACCOUNT_OWNER: 5, INVALID_PDA: 6,
  WRONG_MINT: 8, WRONG_VAULT: 9, WRONG_PROGRAM: 10, INSUFFICIENT_FREE: 11, OVERFLOW: 12, ZERO_AMOUNT: 13,
  DUPLICATE_ACCOUNT: 14, NOT_OWNER: 15, NOT_UPGRADE_AUTHORITY: 44, ACCOUNT_EXISTS: 46 };
const LOADER = address('BPFLoaderUpgradeab1e11111111111111111111111');
const U64_MAX = 2n ** 64n - 1n;

const u64 = (v) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, BigInt(v), true); return b; };
const bytes = (...parts) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...p])));
const seed = (text) => new TextEncoder().encode(text);

/** One validator with the escrow deployed, a USDC mint, and helpers to send and inspect. */
async function world(t) {
  assert.ok(existsSync(ESCROW_SO), `${ESCROW_SO} is missing: ./mvnw -pl escrow-program -am install`);
  // the admin is the program's upgrade authority: only it may initialize
  const admin = await generateKeyPairSigner();
  const v = await startValidator(t, { args: ['--upgradeable-program', PROGRAM, ESCROW_SO, admin.address] });
  const airdrop = airdropFactory({ rpc: v.rpc, rpcSubscriptions: v.subscriptions });
  const funded = async (s) => {
    s ??= await generateKeyPairSigner();
    await airdrop({ recipientAddress: s.address, lamports: lamports(10_000_000_000n), commitment: 'confirmed' });
    return s;
  };
  await funded(admin);
  /**
   * Sends instructions; returns {err, logs, units} (err null on success), preflight skipped so
   * failures land. The same instructions under the same blockhash are the same transaction, which
   * runs once: a repeat waits for the next slot's blockhash instead.
   */
  const sent = new Set();
  const send = async (payer, instructions) => {
    let tx;
    for (;;) {
      const { value: blockhash } = await v.rpc.getLatestBlockhash().send();
      const message = pipe(createTransactionMessage({ version: 0 }), (m) => setTransactionMessageFeePayerSigner(payer, m),
        (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m), (m) => appendTransactionMessageInstructions(instructions, m));
      tx = await signTransactionMessageWithSigners(message);
      if (!sent.has(getSignatureFromTransaction(tx))) break;
      await awaitSlot(v, (await v.rpc.getSlot().send()) + 1n, 10000, 'a new blockhash');
    }
    sent.add(getSignatureFromTransaction(tx));
    await v.rpc.sendTransaction(getBase64EncodedWireTransaction(tx), { encoding: 'base64', skipPreflight: true }).send();
    const got = await v.rpc.getTransaction(getSignatureFromTransaction(tx), { maxSupportedTransactionVersion: 0 }).send();
    return { err: got.meta.err, logs: got.meta.logMessages, units: got.meta.computeUnitsConsumed };
  };
  const ok = async (payer, instructions) => {
    const r = await send(payer, instructions);
    assert.equal(r.err, null, r.logs.join('\n'));
    return r;
  };
  const account = async (a) => (await v.rpc.getAccountInfo(a, { encoding: 'base64' }).send()).value;
  const data = async (a) => { const acc = await account(a); return acc ? getBase64Encoder().encode(acc.data[0]) : null; };
  const tokenBalance = async (a) => new DataView((await data(a)).buffer).getBigUint64(64, true);
  const rentFor = (n) => v.rpc.getMinimumBalanceForRentExemption(BigInt(n)).send();

  const mint = await generateKeyPairSigner();
  await ok(admin, [
    getCreateAccountInstruction({ payer: admin, newAccount: mint, lamports: await rentFor(82), space: 82n, programAddress: TOKEN_PROGRAM_ADDRESS }),
    getInitializeMintInstruction({ mint: mint.address, decimals: 6, mintAuthority: admin.address })]);
  const tokenAccount = async (owner, amount = 0n, ofMint = mint.address) => {
    const acc = await generateKeyPairSigner();
    const ixs = [getCreateAccountInstruction({ payer: admin, newAccount: acc, lamports: await rentFor(165), space: 165n,
      programAddress: TOKEN_PROGRAM_ADDRESS }), getInitializeAccount3Instruction({ account: acc.address, mint: ofMint, owner })];
    if (amount > 0n) ixs.push(getMintToInstruction({ mint: ofMint, token: acc.address, mintAuthority: admin, amount }));
    await ok(admin, ixs);
    return acc.address;
  };
  const [config, configBump] = await getProgramDerivedAddress({ programAddress: PROGRAM, seeds: [seed('config')] });
  const [vault, vaultBump] = await getProgramDerivedAddress({ programAddress: PROGRAM, seeds: [seed('vault')] });
  const [programData] = await getProgramDerivedAddress({ programAddress: LOADER, seeds: [getAddressEncoder().encode(PROGRAM)] });
  const marginOf = (owner) => getProgramDerivedAddress({ programAddress: PROGRAM,
    seeds: [seed('margin'), getAddressEncoder().encode(owner)] });
  const meta = (a, role, signer) => (signer ? { address: a, role, signer } : { address: a, role });
  const ix = {
    initialize: (o = {}) => ({ programAddress: PROGRAM, data: bytes(0, o.configBump ?? configBump, vaultBump), accounts: [
      meta((o.admin ?? admin).address, AccountRole.WRITABLE_SIGNER, o.admin ?? admin), meta(o.config ?? config, AccountRole.WRITABLE),
      meta(o.mint ?? mint.address, AccountRole.READONLY), meta(vault, AccountRole.WRITABLE),
      meta(SYSTEM, AccountRole.READONLY), meta(o.token ?? TOKEN_PROGRAM_ADDRESS, AccountRole.READONLY),
      meta(PROGRAM, AccountRole.READONLY), meta(programData, AccountRole.READONLY)] }),
    createMargin: async (owner) => {
      const [margin, bump] = await marginOf(owner.address);
      return { programAddress: PROGRAM, data: bytes(1, bump), accounts: [meta(owner.address, AccountRole.WRITABLE_SIGNER, owner),
        meta(margin, AccountRole.WRITABLE), meta(SYSTEM, AccountRole.READONLY)] };
    },
    move: async (tag, owner, amount, o = {}) => {
      const [margin] = await marginOf(owner.address);
      const signerRole = o.ownerSigns === false ? AccountRole.READONLY : AccountRole.READONLY_SIGNER;
      const tokenSide = o.tokenAccount;
      const accounts = [meta(owner.address, signerRole, o.ownerSigns === false ? undefined : owner),
        meta(o.margin ?? margin, AccountRole.WRITABLE), meta(config, AccountRole.READONLY)];
      if (tag === 2) accounts.push(meta(tokenSide, AccountRole.WRITABLE), meta(o.vault ?? vault, AccountRole.WRITABLE));
      else accounts.push(meta(o.vault ?? vault, AccountRole.WRITABLE), meta(tokenSide, AccountRole.WRITABLE));
      accounts.push(meta(TOKEN_PROGRAM_ADDRESS, AccountRole.READONLY));
      return { programAddress: PROGRAM, data: o.data ?? bytes(tag, u64(amount)), accounts: accounts.slice(0, o.accountCount ?? 6) };
    },
  };
  const free = async (owner) => {
    const d = await data((await marginOf(owner.address))[0]);
    return new DataView(d.buffer).getBigUint64(48, true);
  };
  return { v, admin, mint, config, vault, send, ok, account, data, tokenBalance, tokenAccount, funded, ix, free, marginOf };
}

const customError = (r) => (r.err && r.err.InstructionError ? Number(r.err.InstructionError[1].Custom) : null);

test('initialize, margin account, deposit and withdraw; attacks refused with their codes; CU report', { timeout: 120000 }, async (t) => {
  const w = await world(t);
  const units = {};

  // initialize: only the upgrade authority may take a fresh deployment
  const usurper = await w.funded();
  assert.equal(customError(await w.send(usurper, [w.ix.initialize({ admin: usurper })])), ERR.NOT_UPGRADE_AUTHORITY);
  assert.equal(await w.account(w.config), null);
  // a non-PDA config, a fake mint and a wrong token program are refused first
  const stranger = await generateKeyPairSigner();
  assert.equal(customError(await w.send(w.admin, [w.ix.initialize({ config: stranger.address })])), ERR.INVALID_PDA);
  const notAMint = await w.tokenAccount(w.admin.address);
  assert.equal(customError(await w.send(w.admin, [w.ix.initialize({ mint: notAMint })])), ERR.WRONG_MINT);
  assert.equal(customError(await w.send(w.admin, [w.ix.initialize({ token: SYSTEM })])), ERR.WRONG_PROGRAM);
  units.initialize = (await w.ok(w.admin, [w.ix.initialize()])).units;
  const config = await w.data(w.config);
  assert.equal(new TextDecoder().decode(config.subarray(0, 8)), 'PERPCONF');
  assert.equal((await w.account(w.vault)).owner, TOKEN_PROGRAM_ADDRESS);
  assert.equal(customError(await w.send(usurper, [w.ix.initialize({ admin: usurper })])), ERR.NOT_UPGRADE_AUTHORITY);
  assert.equal(customError(await w.send(w.admin, [w.ix.initialize()])), ERR.ACCOUNT_EXISTS, 'a second initialize must fail');
  assert.deepEqual(await w.data(w.config), config);

  // an agent with 1,000 USDC opens a margin account and deposits 600; someone sent lamports to the
  // margin account's address first, which must not lock the agent out
  const alice = await w.funded();
  const aliceUsdc = await w.tokenAccount(alice.address, 1_000_000_000n);
  const griefer = await w.funded();
  await w.ok(griefer, [getTransferSolInstruction({ source: griefer, destination: (await w.marginOf(alice.address))[0], amount: 1_000_000n })]);
  units.create_margin_prefunded = (await w.ok(alice, [await w.ix.createMargin(alice)])).units;
  assert.equal(new TextDecoder().decode((await w.data((await w.marginOf(alice.address))[0])).subarray(0, 8)), 'PERPMRGN');
  assert.equal(customError(await w.send(alice, [await w.ix.createMargin(alice)])), ERR.ACCOUNT_EXISTS);
  const bob = await w.funded();
  units.create_margin = (await w.ok(bob, [await w.ix.createMargin(bob)])).units;
  units.deposit = (await w.ok(alice, [await w.ix.move(2, alice, 600_000_000n, { tokenAccount: aliceUsdc })])).units;
  assert.equal(await w.free(alice), 600_000_000n);
  assert.equal(await w.tokenBalance(w.vault), 600_000_000n);
  assert.equal(await w.tokenBalance(aliceUsdc), 400_000_000n);
  units.withdraw = (await w.ok(alice, [await w.ix.move(3, alice, 100_000_000n, { tokenAccount: aliceUsdc })])).units;
  assert.equal(await w.free(alice), 500_000_000n);
  assert.equal(await w.tokenBalance(w.vault), 500_000_000n);
  assert.equal(await w.tokenBalance(aliceUsdc), 500_000_000n);

  // attacks: each refused with its own code, and no balance moves
  const mallory = await w.funded();
  const malloryUsdc = await w.tokenAccount(mallory.address, 1_000_000n);
  await w.ok(mallory, [await w.ix.createMargin(mallory)]);
  const [aliceMargin] = await w.marginOf(alice.address);
  const fakeVault = await w.tokenAccount(mallory.address, 0n);
  const snapshot = async () => [await w.free(alice), await w.free(mallory), await w.tokenBalance(w.vault),
    await w.tokenBalance(aliceUsdc), await w.tokenBalance(malloryUsdc)];
  const before = await snapshot();
  const attacks = [
    ['withdrawing more than is free', ERR.INSUFFICIENT_FREE, alice, await w.ix.move(3, alice, 500_000_001n, { tokenAccount: aliceUsdc })],
    ["withdrawing from another's margin account", ERR.NOT_OWNER, mallory,
      await w.ix.move(3, mallory, 1n, { tokenAccount: malloryUsdc, margin: aliceMargin })],
    ['a withdrawal the owner did not sign', ERR.MISSING_SIGNATURE, mallory,
      await w.ix.move(3, alice, 1n, { tokenAccount: malloryUsdc, ownerSigns: false })],
    ['a fake vault', ERR.WRONG_VAULT, alice, await w.ix.move(3, alice, 1n, { tokenAccount: aliceUsdc, vault: fakeVault })],
    ['an account with the wrong owner as margin account', ERR.WRONG_ACCOUNT_OWNER, alice,
      await w.ix.move(3, alice, 1n, { tokenAccount: aliceUsdc, margin: alice.address })],
    ['the vault as its own destination', ERR.DUPLICATE_ACCOUNT, alice, await w.ix.move(3, alice, 1n, { tokenAccount: w.vault })],
    ['missing accounts', ERR.NOT_ENOUGH_ACCOUNTS, alice, await w.ix.move(3, alice, 1n, { tokenAccount: aliceUsdc, accountCount: 4 })],
    ['an unknown instruction', ERR.INVALID_INSTRUCTION, alice, await w.ix.move(3, alice, 1n, { tokenAccount: aliceUsdc, data: bytes(255) })],
    ['a truncated amount', ERR.INVALID_INSTRUCTION, alice,
      await w.ix.move(2, alice, 1n, { tokenAccount: aliceUsdc, data: bytes(2, 1, 2, 3) })],
    ['a zero deposit', ERR.ZERO_AMOUNT, alice, await w.ix.move(2, alice, 0n, { tokenAccount: aliceUsdc })],
  ];
  for (const [what, code, payer, instruction] of attacks) {
    const r = await w.send(payer, [instruction]);
    assert.equal(customError(r), code, `${what}: ${JSON.stringify(r.err, (k, x) => (typeof x === "bigint" ? String(x) : x))}\n${r.logs.join("\n")}`);
  }
  // a deposit from a token account of another mint: the token program refuses it
  const otherMint = await generateKeyPairSigner();
  await w.ok(w.admin, [
    getCreateAccountInstruction({ payer: w.admin, newAccount: otherMint, lamports: 2_000_000n, space: 82n, programAddress: TOKEN_PROGRAM_ADDRESS }),
    getInitializeMintInstruction({ mint: otherMint.address, decimals: 6, mintAuthority: w.admin.address })]);
  const fakeUsdc = await w.tokenAccount(mallory.address, 5_000_000n, otherMint.address);
  assert.notEqual((await w.send(mallory, [await w.ix.move(2, mallory, 1_000_000n, { tokenAccount: fakeUsdc })])).err, null);
  assert.deepEqual(await snapshot(), before);

  // overflow: the whale's free collateral plus the amount would pass 2^64 - 1: refused before any token moves
  const whale = await w.funded();
  const supplyLeft = U64_MAX - 1_001_000_000n; // the mint's supply is capped at 2^64 - 1 too
  const whaleUsdc = await w.tokenAccount(whale.address, supplyLeft);
  await w.ok(whale, [await w.ix.createMargin(whale)]);
  await w.ok(whale, [await w.ix.move(2, whale, supplyLeft, { tokenAccount: whaleUsdc })]);
  const overflow = await w.send(whale, [await w.ix.move(2, whale, 1_001_000_001n, { tokenAccount: whaleUsdc })]);
  assert.equal(customError(overflow), ERR.OVERFLOW);
  assert.equal(await w.free(whale), supplyLeft);

  // conservation: the vault holds exactly the free collateral of every margin account
  const total = (await w.free(alice)) + (await w.free(mallory)) + (await w.free(whale));
  assert.equal(await w.tokenBalance(w.vault), total);

  // compute units: deposit and withdraw within the 6,000 budget
  assert.ok(units.deposit <= 6000n, `deposit used ${units.deposit} CU`);
  assert.ok(units.withdraw <= 6000n, `withdraw used ${units.withdraw} CU`);
  const report = existsSync(CU_REPORT) ? JSON.parse(readFileSync(CU_REPORT, 'utf8')) : {};
  for (const [name, cu] of Object.entries(units)) report[name] = Number(cu);
  writeFileSync(CU_REPORT, `${JSON.stringify(report, null, 2)}\n`);
});
