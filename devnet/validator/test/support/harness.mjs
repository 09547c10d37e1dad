// Starts the validator as a real child process on 127.0.0.1 with a fresh ledger and --rpc-port 0
// (it binds free ports itself, so parallel tests never race for one), reads the URLs it prints,
// and kills it when the test ends.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSolanaRpc, createSolanaRpcSubscriptions } from '@solana/kit';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'main.js');

export async function startValidator(t, { args = [], ledger = mkdtempSync(join(tmpdir(), 'ledger-')), slotMs = 50 } = {}) {
  const child = spawn(process.execPath, [MAIN, '--rpc-port', '0', '--ledger', ledger, '--slot-ms', String(slotMs), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const urls = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`validator did not start:\n${out}\n${err}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const rpcUrl = /^JSON RPC URL: (\S+)$/m.exec(out);
      const wsUrl = /^WebSocket PubSub URL: (\S+)$/m.exec(out);
      if (rpcUrl && wsUrl) { clearTimeout(timer); resolve({ rpcUrl: rpcUrl[1], wsUrl: wsUrl[1] }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`validator exited with ${code}:\n${out}\n${err}`)); });
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(child.exitCode); return; }
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
  t.after(stop);
  return {
    port: Number(new URL(urls.rpcUrl).port), ...urls, ledger, stop, output: () => out,
    rpc: createSolanaRpc(urls.rpcUrl),
    subscriptions: createSolanaRpcSubscriptions(urls.wsUrl),
  };
}

/**
 * Resolves once the validator has reached slot `atLeast`: on the slot notification that says so
 * (or at once if it is there already), never by polling. Fails after `ms`.
 */
export async function awaitSlot(v, atLeast, ms, what) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    const notifications = await v.subscriptions.slotNotifications().subscribe({ abortSignal: abort.signal });
    if ((await v.rpc.getSlot().send()) >= atLeast) return;
    for await (const n of notifications) {
      if (n.slot >= atLeast) return;
    }
  } catch (e) {
    if (!abort.signal.aborted) throw e;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what} (slot ${atLeast})`);
}

/** A raw JSON-RPC call, for shapes and errors a typed client hides. */
export async function rawCall(port, method, params) {
  const res = await fetch(`http://127.0.0.1:${port}`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return res.json();
}
