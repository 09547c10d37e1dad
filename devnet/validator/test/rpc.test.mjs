// The validator driven by an independent client (@solana/kit) over real HTTP and WebSocket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateKeyPairSigner, lamports, airdropFactory, sendAndConfirmTransactionFactory, pipe, createTransactionMessage,
  setTransactionMessageFeePayerSigner, setTransactionMessageLifetimeUsingBlockhash, appendTransactionMessageInstructions,
  signTransactionMessageWithSigners, getSignatureFromTransaction, getBase64EncodedWireTransaction,
} from '@solana/kit';
import { getTransferSolInstruction, getCreateAccountInstruction } from '@solana-program/system';
import { getInitializeMintInstruction, getInitializeAccount3Instruction, TOKEN_PROGRAM_ADDRESS } from '@solana-program/token';
import { startValidator, awaitSlot, rawCall } from './support/harness.mjs';

const SOL = 1_000_000_000n;

async function transferTx(v, from, to, amount, blockhash) {
  const lifetime = blockhash || (await v.rpc.getLatestBlockhash().send()).value;
  const message = pipe(createTransactionMessage({ version: 0 }), (m) => setTransactionMessageFeePayerSigner(from, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
    (m) => appendTransactionMessageInstructions([getTransferSolInstruction({ source: from, destination: to, amount })], m));
  return signTransactionMessageWithSigners(message);
}

async function funded(v, sol = 10n) {
  const signer = await generateKeyPairSigner();
  await airdropFactory({ rpc: v.rpc, rpcSubscriptions: v.subscriptions })({ recipientAddress: signer.address,
    lamports: lamports(sol * SOL), commitment: 'confirmed' });
  return signer;
}

test('basic methods answer like a cluster, and slots advance in real time', { timeout: 60000 }, async (t) => {
  const v = await startValidator(t);
  const version = await v.rpc.getVersion().send();
  assert.equal(typeof version['solana-core'], 'string');
  assert.equal(await v.rpc.getHealth().send(), 'ok');
  const first = await v.rpc.getSlot().send();
  await awaitSlot(v, first + 3n, 5000, 'slots to advance');
  const rent = await v.rpc.getMinimumBalanceForRentExemption(165n).send();
  assert.equal(rent, 2039280n);
  const unknown = await rawCall(v.port, 'noSuchMethod', []);
  assert.equal(unknown.error.code, -32601);
  const bad = await rawCall(v.port, 'getBalance', ['not-an-address']);
  assert.equal(bad.error.code, -32602);
});

test('airdrop, transfer, balances, statuses and getTransaction with logs and compute units', { timeout: 60000 }, async (t) => {
  const v = await startValidator(t);
  const alice = await funded(v);
  const bob = await generateKeyPairSigner();
  assert.equal((await v.rpc.getBalance(alice.address).send()).value, 10n * SOL);
  const tx = await transferTx(v, alice, bob.address, 1_234_567n);
  await sendAndConfirmTransactionFactory({ rpc: v.rpc, rpcSubscriptions: v.subscriptions })(tx, { commitment: 'confirmed' });
  const signature = getSignatureFromTransaction(tx);
  assert.equal((await v.rpc.getBalance(bob.address).send()).value, 1_234_567n);
  assert.equal((await v.rpc.getBalance(alice.address).send()).value, 10n * SOL - 1_234_567n - 5000n);
  const [status] = (await v.rpc.getSignatureStatuses([signature]).send()).value;
  assert.equal(status.err, null);
  assert.equal(status.confirmationStatus, 'finalized');
  const got = await v.rpc.getTransaction(signature, { maxSupportedTransactionVersion: 0, encoding: 'json' }).send();
  assert.ok(got.meta.computeUnitsConsumed > 0n);
  assert.ok(got.meta.logMessages.some((l) => l.includes('11111111111111111111111111111111 success')), got.meta.logMessages);
  assert.equal(got.meta.fee, 5000n);
  assert.deepEqual(got.transaction.signatures, [signature]);
  const b64 = await v.rpc.getTransaction(signature, { maxSupportedTransactionVersion: 0, encoding: 'base64' }).send();
  assert.equal(b64.transaction[0], getBase64EncodedWireTransaction(tx));
  const second = await transferTx(v, alice, bob.address, 1n);
  await sendAndConfirmTransactionFactory({ rpc: v.rpc, rpcSubscriptions: v.subscriptions })(second, { commitment: 'confirmed' });
  const history = await v.rpc.getSignaturesForAddress(bob.address).send();
  assert.deepEqual(history.map((h) => h.signature), [getSignatureFromTransaction(second), signature], 'newest first');
  assert.equal(history[0].err, null);
  assert.deepEqual((await v.rpc.getSignaturesForAddress(bob.address, { limit: 1 }).send()).map((h) => h.signature),
    [getSignatureFromTransaction(second)]);
  assert.deepEqual((await v.rpc.getSignaturesForAddress(bob.address, { before: getSignatureFromTransaction(second) })
    .send()).map((h) => h.signature), [signature]);
  assert.equal((await rawCall(v.port, 'getSignaturesForAddress', [bob.address, { limit: 1001 }])).error.code, -32602);
  const accounts = await v.rpc.getMultipleAccounts([alice.address, bob.address], { encoding: 'base64' }).send();
  assert.equal(accounts.value[1].lamports, 1_234_568n);
});

test('preflight failure is a -32002 error whose data carries the logs; simulate returns them too', { timeout: 60000 }, async (t) => {
  const v = await startValidator(t);
  const alice = await funded(v, 1n);
  const bob = await generateKeyPairSigner();
  const tx = await transferTx(v, alice, bob.address, 5n * SOL);
  const wire = getBase64EncodedWireTransaction(tx);
  const r = await rawCall(v.port, 'sendTransaction', [wire, { encoding: 'base64' }]);
  assert.equal(r.error.code, -32002);
  assert.match(r.error.message, /Transaction simulation failed: Error processing Instruction 0/);
  assert.ok(r.error.data.logs.some((l) => l.includes('insufficient lamports')), r.error.data.logs);
  assert.deepEqual(r.error.data.err, { InstructionError: [0, { Custom: 1 }] });
  const sim = await v.rpc.simulateTransaction(wire, { encoding: 'base64' }).send();
  assert.ok(sim.value.err);
  assert.ok(sim.value.logs.length > 0);
  // base58 is the default encoding of sendTransaction
  const { getBase58Decoder, getBase64Encoder } = await import('@solana/kit');
  const base58 = getBase58Decoder().decode(getBase64Encoder().encode(wire));
  assert.equal((await rawCall(v.port, 'sendTransaction', [base58])).error.code, -32002);
  assert.equal((await v.rpc.getBalance(bob.address).send()).value, 0n);
});

test('getProgramAccounts applies dataSize and memcmp filters', { timeout: 60000 }, async (t) => {
  const v = await startValidator(t);
  const payer = await funded(v);
  const mint = await generateKeyPairSigner();
  const owners = [await generateKeyPairSigner(), await generateKeyPairSigner()];
  const tokenAccounts = [await generateKeyPairSigner(), await generateKeyPairSigner()];
  const rentMint = await v.rpc.getMinimumBalanceForRentExemption(82n).send();
  const rentAccount = await v.rpc.getMinimumBalanceForRentExemption(165n).send();
  const instructions = [
    getCreateAccountInstruction({ payer, newAccount: mint, lamports: rentMint, space: 82n, programAddress: TOKEN_PROGRAM_ADDRESS }),
    getInitializeMintInstruction({ mint: mint.address, decimals: 6, mintAuthority: payer.address }),
  ];
  tokenAccounts.forEach((acc, i) => instructions.push(
    getCreateAccountInstruction({ payer, newAccount: acc, lamports: rentAccount, space: 165n, programAddress: TOKEN_PROGRAM_ADDRESS }),
    getInitializeAccount3Instruction({ account: acc.address, mint: mint.address, owner: owners[i].address })));
  const { value: blockhash } = await v.rpc.getLatestBlockhash().send();
  const message = pipe(createTransactionMessage({ version: 0 }), (m) => setTransactionMessageFeePayerSigner(payer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m), (m) => appendTransactionMessageInstructions(instructions, m));
  const tx = await signTransactionMessageWithSigners(message);
  await sendAndConfirmTransactionFactory({ rpc: v.rpc, rpcSubscriptions: v.subscriptions })(tx, { commitment: 'confirmed' });

  const bySize = await v.rpc.getProgramAccounts(TOKEN_PROGRAM_ADDRESS, { encoding: 'base64', filters: [{ dataSize: 165n }] }).send();
  assert.deepEqual(bySize.map((a) => a.pubkey).sort(), tokenAccounts.map((a) => a.address).sort());
  const byOwner = await v.rpc.getProgramAccounts(TOKEN_PROGRAM_ADDRESS, { encoding: 'base64',
    filters: [{ dataSize: 165n }, { memcmp: { offset: 32n, bytes: owners[1].address, encoding: 'base58' } }] }).send();
  assert.deepEqual(byOwner.map((a) => a.pubkey), [tokenAccounts[1].address]);
  const mints = await v.rpc.getProgramAccounts(TOKEN_PROGRAM_ADDRESS, { encoding: 'base64', filters: [{ dataSize: 82n }] }).send();
  assert.deepEqual(mints.map((a) => a.pubkey), [mint.address]);
});

test('subscriptions: slot, account, program, logs and signature', { timeout: 60000 }, async (t) => {
  const v = await startValidator(t);
  const alice = await funded(v);
  const bob = await generateKeyPairSigner();
  const abort = new AbortController();
  t.after(() => abort.abort());
  const next = async (subscription) => {
    const iterator = (await subscription.subscribe({ abortSignal: abort.signal }))[Symbol.asyncIterator]();
    return () => iterator.next().then((r) => r.value);
  };
  const slot = await next(v.subscriptions.slotNotifications());
  const account = await next(v.subscriptions.accountNotifications(bob.address, { encoding: 'base64' }));
  const program = await next(v.subscriptions.programNotifications('11111111111111111111111111111111', { encoding: 'base64' }));
  const logs = await next(v.subscriptions.logsNotifications({ mentions: [bob.address] }));
  const tx = await transferTx(v, alice, bob.address, 7_770_000n);
  const signature = getSignatureFromTransaction(tx);
  const sig = await next(v.subscriptions.signatureNotifications(signature, { commitment: 'confirmed' }));

  const s = await slot();
  assert.ok(s.slot >= 0n && s.parent === s.slot - 1n);
  // kit's iterators deliver what arrives while a next() is pending: ask before sending
  const pending = { sig: sig(), account: account(), program: program(), logs: logs() };
  await v.rpc.sendTransaction(getBase64EncodedWireTransaction(tx), { encoding: 'base64' }).send();
  assert.equal((await pending.sig).value.err, null);
  assert.equal((await pending.account).value.lamports, 7_770_000n);
  const p = await pending.program;
  assert.ok([alice.address, bob.address].includes(p.value.pubkey));
  const l = await pending.logs;
  assert.equal(l.value.signature, signature);
  assert.ok(l.value.logs.length > 0);
});

test('the same transaction again is refused in preflight, as on a cluster, and runs once', { timeout: 60000 }, async (t) => {
  const v = await startValidator(t);
  const alice = await funded(v);
  const bob = (await generateKeyPairSigner()).address;
  const wire = getBase64EncodedWireTransaction(await transferTx(v, alice, bob, 1_000_000n));
  const first = await rawCall(v.port, 'sendTransaction', [wire, { encoding: 'base64' }]);
  assert.equal(typeof first.result, 'string');
  const again = await rawCall(v.port, 'sendTransaction', [wire, { encoding: 'base64' }]);
  assert.equal(again.error.code, -32002);
  assert.match(again.error.message, /already been processed/);
  assert.equal((await v.rpc.getBalance(bob).send()).value, 1_000_000n);
});

test('blockhashes expire after 150 slots, as on a cluster', { timeout: 60000 }, async (t) => {
  const v = await startValidator(t, { slotMs: 10 });
  const alice = await funded(v);
  const { value: old } = await v.rpc.getLatestBlockhash().send();
  assert.equal((await v.rpc.isBlockhashValid(old.blockhash).send()).value, true);
  // a blockhash is valid up to lastValidBlockHeight and forgotten in the slot after it
  await awaitSlot(v, old.lastValidBlockHeight + 1n, 20000, 'the blockhash to expire');
  assert.equal((await v.rpc.isBlockhashValid(old.blockhash).send()).value, false);
  const tx = await transferTx(v, alice, (await generateKeyPairSigner()).address, 1n, old);
  const r = await rawCall(v.port, 'sendTransaction', [getBase64EncodedWireTransaction(tx), { encoding: 'base64' }]);
  assert.equal(r.error.code, -32002);
  assert.match(r.error.message, /Blockhash not found/);
});

test('the ledger is saved on shutdown and reloaded on restart; --reset starts afresh', { timeout: 60000 }, async (t) => {
  const first = await startValidator(t);
  const alice = await funded(first, 3n);
  const slot = await first.rpc.getSlot().send();
  assert.equal(await first.stop(), 0);
  const second = await startValidator(t, { ledger: first.ledger });
  assert.equal((await second.rpc.getBalance(alice.address).send()).value, 3n * SOL);
  assert.ok((await second.rpc.getSlot().send()) > slot);
  await second.stop();
  const third = await startValidator(t, { ledger: first.ledger, args: ['--reset'] });
  assert.equal((await third.rpc.getBalance(alice.address).send()).value, 0n);
});

test('the Clock sysvar follows wall time and the slot', { timeout: 60000 }, async (t) => {
  const v = await startValidator(t);
  const { getBase64Encoder } = await import('@solana/kit');
  await awaitSlot(v, 3n, 10000, 'three slots');
  const clock = await v.rpc.getAccountInfo('SysvarC1ock11111111111111111111111111111111', { encoding: 'base64' }).send();
  const data = new DataView(getBase64Encoder().encode(clock.value.data[0]).buffer);
  const slot = data.getBigUint64(0, true);
  const unixTimestamp = data.getBigInt64(32, true);
  const now = BigInt(Math.floor(Date.now() / 1000));
  assert.ok(unixTimestamp >= now - 2n && unixTimestamp <= now, `clock ${unixTimestamp}, wall ${now}`);
  const current = await v.rpc.getSlot().send();
  assert.ok(slot >= 3n && slot <= current && slot + 10n >= current, `clock slot ${slot}, current ${current}`);
});
