// Programs linked by our SBF linker, deployed the way solana-test-validator's flags do it and run.
// The .so files come from the Maven build (escrow-program runs before devnet in the reactor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  generateKeyPairSigner, pipe, createTransactionMessage, setTransactionMessageFeePayerSigner, lamports, airdropFactory,
  setTransactionMessageLifetimeUsingBlockhash, appendTransactionMessageInstructions, signTransactionMessageWithSigners,
  getBase64EncodedWireTransaction, getSignatureFromTransaction, address,
} from '@solana/kit';
import { startValidator, rawCall } from './support/harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ESCROW_SO = join(ROOT, 'escrow-program', 'target', 'deploy', 'escrow.so');
const FEATURES_SO = join(ROOT, 'escrow-program', 'target', 'test-programs', 'features.so');
const PROGRAM = '9nB6oDgsx9D8JsSBtJfVbeKPw2VMYHxxcJ8ZoUQgQJTu';
const LOADER_V3 = 'BPFLoaderUpgradeab1e11111111111111111111111';

function requireBuilt(file) {
  assert.ok(existsSync(file), `${file} is missing: build it first (./mvnw -pl escrow-program -am install)`);
  return file;
}

async function invoke(v, program, data) {
  const payer = await generateKeyPairSigner();
  await airdropFactory({ rpc: v.rpc, rpcSubscriptions: v.subscriptions })({ recipientAddress: payer.address,
    lamports: lamports(1_000_000_000n), commitment: 'confirmed' });
  const { value: blockhash } = await v.rpc.getLatestBlockhash().send();
  const message = pipe(createTransactionMessage({ version: 0 }), (m) => setTransactionMessageFeePayerSigner(payer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
    (m) => appendTransactionMessageInstructions([{ programAddress: address(program), accounts: [], data }], m));
  const tx = await signTransactionMessageWithSigners(message);
  const sim = await v.rpc.simulateTransaction(getBase64EncodedWireTransaction(tx), { encoding: 'base64' }).send();
  return { sim: sim.value, tx };
}

test('the linker feature program deploys through the upgradeable loader and runs every feature', { timeout: 60000 }, async (t) => {
  const v = await startValidator(t, { args: ['--upgradeable-program', PROGRAM, requireBuilt(FEATURES_SO), 'none'] });
  const account = (await v.rpc.getAccountInfo(address(PROGRAM), { encoding: 'base64' }).send()).value;
  assert.equal(account.owner, LOADER_V3);
  assert.equal(account.executable, true);
  // selector 0 -> twice(21) = 42 via callx: success; selector 1 -> plus_one(21) = 22: custom error 1
  const ok = await invoke(v, PROGRAM, new Uint8Array([0, 21]));
  assert.equal(ok.sim.err, null, JSON.stringify(ok.sim.logs));
  assert.ok(ok.sim.logs.includes('Program log: features: start'), ok.sim.logs);
  assert.ok(ok.sim.logs.some((l) => l.startsWith('Program log: 0x0, 0x15, 0x2a')), ok.sim.logs);
  const other = await invoke(v, PROGRAM, new Uint8Array([1, 21]));
  assert.deepEqual(other.sim.err, { InstructionError: [0n, { Custom: 1n }] });
  assert.ok(other.sim.logs.some((l) => l.startsWith('Program log: 0x1, 0x15, 0x16')), other.sim.logs);
});

test('escrow.so deploys with --upgradeable-program and --bpf-program and runs its dispatcher', { timeout: 60000 }, async (t) => {
  const so = requireBuilt(ESCROW_SO);
  const second = '7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU';
  const v = await startValidator(t, { args: ['--upgradeable-program', PROGRAM, so, 'none', '--bpf-program', second, so] });
  for (const program of [PROGRAM, second]) {
    // it runs and answers empty instruction data with its own error: Custom(1), invalid instruction
    const run = await invoke(v, program, new Uint8Array(0));
    assert.deepEqual(run.sim.err, { InstructionError: [0n, { Custom: 1n }] }, run.sim.logs.join('\n'));
    assert.ok(run.sim.logs.includes(`Program ${program} invoke [1]`), run.sim.logs);
  }
});

test('the upgradeable loader refuses a corrupt program and the validator says why', { timeout: 60000 }, async (t) => {
  const bad = join(mkdtempSync(join(tmpdir(), 'so-')), 'bad.so');
  const bytes = Buffer.from(readFileSync(requireBuilt(ESCROW_SO)));
  bytes.writeUInt16LE(62, 18); // e_machine = x86-64
  writeFileSync(bad, bytes);
  await assert.rejects(startValidator(t, { args: ['--upgradeable-program', PROGRAM, bad, 'none'] }),
    /DeployWithMaxDataLen failed/);
});
