// Starts the validator as a real child process on 127.0.0.1 with a fresh ledger, waits for its
// "WebSocket PubSub URL" line, and kills it when the test ends.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { createSolanaRpc, createSolanaRpcSubscriptions } from '@solana/kit';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'main.js');

/** Two consecutive free ports on 127.0.0.1 (RPC and WebSocket). */
export async function freePorts() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise((resolve, reject) => {
      const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
      s.on('error', reject);
    });
    const next = await new Promise((resolve) => {
      const s = createServer().listen(port + 1, '127.0.0.1', () => s.close(() => resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (next && port < 65534) return port;
  }
  throw new Error('no two consecutive free ports');
}

export async function startValidator(t, { args = [], ledger = mkdtempSync(join(tmpdir(), 'ledger-')), slotMs = 50 } = {}) {
  const port = await freePorts();
  const child = spawn(process.execPath, [MAIN, '--rpc-port', String(port), '--ledger', ledger, '--slot-ms', String(slotMs), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`validator did not start:\n${out}\n${err}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('WebSocket PubSub URL')) { clearTimeout(timer); resolve(); }
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
    port, ledger, stop, output: () => out,
    rpc: createSolanaRpc(`http://127.0.0.1:${port}`),
    subscriptions: createSolanaRpcSubscriptions(`ws://127.0.0.1:${port + 1}`),
  };
}

/** Polls {@code probe} until it returns a truthy value, up to {@code ms}. */
export async function eventually(probe, ms = 10000, what = 'condition') {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A raw JSON-RPC call, for shapes and errors a typed client hides. */
export async function rawCall(port, method, params) {
  const res = await fetch(`http://127.0.0.1:${port}`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return res.json();
}
